using System.Net;

namespace ServeStatic.Functions.Tests;

/// <summary>What the host prints (its own logs and the worker's, which it forwards) for ordinary traffic.</summary>
[Collection(PackagedReleaseCollection.Name)]
public class HostLogTests(PackagedReleaseHost fixture)
{
    private FunctionsHost Host => fixture.Host;

    [Fact]
    public async Task Ordinary_traffic_logs_no_warning_and_no_error()
    {
        var mark = Host.Output.Mark();
        const string json = PackagedReleaseTests.Json;

        foreach (var encoding in new[] { "br", "gzip", "zstd", "identity" })
            await ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, json, ("Accept-Encoding", encoding));
        using (var first = await Host.GetAsync(json, ("Accept-Encoding", "br")))
            await ExpectAsync(HttpStatusCode.NotModified, HttpMethod.Get, json, ("Accept-Encoding", "br"), ("If-None-Match", first.Headers.ETag!.ToString()));
        await ExpectAsync(HttpStatusCode.PartialContent, HttpMethod.Get, json, ("Range", "bytes=0-9"));
        await ExpectAsync(HttpStatusCode.RequestedRangeNotSatisfiable, HttpMethod.Get, json, ("Range", "bytes=99999999-"));
        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Head, json);
        await ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, "/no/such/page.html");
        await ExpectAsync(HttpStatusCode.MethodNotAllowed, HttpMethod.Post, json);
        await ExpectAsync(HttpStatusCode.MovedPermanently, HttpMethod.Get, "/docs");
        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, FunctionsHost.HealthPath);
        foreach (var target in new[] { "/%2e%2e/host.json", "/index.html%00", "/css\\..\\host.json" })
            Assert.InRange((await RawHttp.SendAsync(Host.Address, target)).Status, 400, 499);
        // The host logs a failed execution as the request ends; a second lets that reach its output.
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.True(Host.Output.Problems(mark).Count == 0, "the host printed warnings or errors for ordinary traffic:\n" + Host.Output.Text(mark));
    }

    private async Task ExpectAsync(HttpStatusCode status, HttpMethod method, string path, params (string, string)[] headers)
    {
        using var response = await Host.SendAsync(method, path, headers);
        Assert.Equal(status, response.StatusCode);
        await response.Content.ReadAsByteArrayAsync();
    }
}
