using System.Net;
using ServeStatic.Azure.Tests.Azurite;

namespace ServeStatic.Azure.Tests;

/// <summary>Blob storage going away, at start-up and mid-run. Each test has its own Azurite, stopped and started at will.</summary>
public class BlobFaultTests
{
    private static readonly WrittenRelease Site = TestRelease.Write(
        ("/index.html", "<title>home</title>"),
        ("/hot.css", "body { color: navy }"),
        ("/cold.css", "body { color: teal }"));

    [Fact]
    public async Task With_storage_stopped_cached_bodies_are_still_served_and_uncached_ones_get_503_with_retry_after()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var container = await azurite.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(Site.Folder, activate: true);
        await using var server = await BlobServer.StartAsync(azurite.ConnectionString, container.Name);
        Assert.Equal("body { color: navy }", await server.GetTextAsync("/hot.css"));

        await azurite.StopAsync();

        Assert.Equal("body { color: navy }", await server.GetTextAsync("/hot.css"));
        using var cold = await server.GetAsync("/cold.css");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, cold.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), cold.Headers.RetryAfter!.Delta);
        Assert.Equal("", await cold.Content.ReadAsStringAsync());
        using var health = await server.GetAsync("/.servestatic/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await azurite.RestartAsync();
        Assert.Equal("body { color: teal }", await server.GetTextAsync("/cold.css"));
    }

    [Fact]
    public async Task A_storage_account_that_stops_answering_gets_503_with_retry_after_never_a_500()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var container = await azurite.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(Site.Folder, activate: true);
        await using var proxy = new FaultyStorageRelay(azurite.Port);
        await using var server = await BlobServer.StartAsync(proxy.ConnectionString(azurite), container.Name,
            ("Blob:NetworkTimeoutSeconds", "1"), ("Blob:MaxRetries", "0"));
        Assert.Equal("body { color: navy }", await server.GetTextAsync("/hot.css"));

        proxy.Stall();

        using var cold = await server.GetAsync("/cold.css");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, cold.StatusCode);
        Assert.NotNull(cold.Headers.RetryAfter);
        Assert.Equal("body { color: navy }", await server.GetTextAsync("/hot.css"));
        Assert.True(server.Logs.Contains("did not answer within the network timeout"), server.Logs.ToString());
    }

    [Fact]
    public async Task A_blob_stream_cut_mid_body_aborts_the_response_with_a_warning_not_an_unhandled_exception()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var container = await azurite.CreateContainerAsync();
        var large = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7)).ToArray();
        var site = TestRelease.Write(("/large.bin", large));
        await new ReleasePublisher(container).PublishAsync(site.Folder, activate: true);
        await using var relay = new FaultyStorageRelay(azurite.Port);
        // Above MaxCachedBodyBytes: verified once, then each request streams a range from storage.
        await using var server = await BlobServer.StartAsync(relay.ConnectionString(azurite), container.Name,
            ("Blob:MaxCachedBodyBytes", "1000"), ("Blob:MaxRetries", "0"));
        using (var whole = await server.GetAsync("/large.bin"))
            Assert.Equal(large, await whole.Content.ReadAsByteArrayAsync());

        relay.CutResponsesAfter(50_000);

        // The response had started (200 and its length): the client sees it end early, never other bytes.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var cut = await server.GetAsync("/large.bin");
            Assert.Equal(large, await cut.Content.ReadAsByteArrayAsync());
        });
        await Eventually.TrueAsync(() => server.Logs.Contains("became unavailable after the response had started"), "the cut is logged");
        Assert.Contains(server.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("became unavailable after the response had started", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task With_storage_unreachable_at_start_up_requests_get_503_until_it_comes_back_and_the_retries_are_logged()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var container = await azurite.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(Site.Folder, activate: true);
        await azurite.StopAsync();

        await using var server = await BlobServer.StartAsync(azurite.ConnectionString, container.Name, ("StartupWaitSeconds", "1"));
        using var early = await server.GetAsync("/hot.css");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        Assert.NotNull(early.Headers.RetryAfter);
        Assert.True(server.Logs.Contains($"Blob storage is unreachable at start-up (blob container '{container.Name}'"));

        await azurite.RestartAsync();
        await Eventually.TrueAsync(async () =>
        {
            using var response = await server.GetAsync("/hot.css");
            return response.StatusCode == HttpStatusCode.OK;
        }, "the release loads once storage is back", seconds: 40);
    }

    [Fact]
    public async Task With_storage_unreachable_at_start_up_the_packaged_release_is_not_served_either()
    {
        var packaged = TestRelease.Write(("/index.html", "<title>packaged</title>"));
        await using var azurite = await AzuriteServer.StartAsync();
        var container = await azurite.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(Site.Folder, activate: true);
        await azurite.StopAsync();

        await using var server = await BlobServer.StartAsync(azurite.ConnectionString, container.Name,
            ("StartupWaitSeconds", "1"), ("Folder:Path", packaged.Folder));
        using var early = await server.GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        Assert.True(server.Logs.Contains($"Blob storage is unreachable at start-up (blob container '{container.Name}'"));

        await azurite.RestartAsync();
        await Eventually.TrueAsync(async () =>
        {
            using var response = await server.GetAsync("/");
            return response.StatusCode == HttpStatusCode.OK && await response.Content.ReadAsStringAsync() == "<title>home</title>";
        }, "the container's release loads once storage is back", seconds: 40);
        Assert.False(server.Logs.Contains("serving the packaged release"));
    }

    [Fact]
    public async Task Without_a_packaged_release_a_container_without_a_current_release_answers_503_until_one_is_activated()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var container = await azurite.CreateContainerAsync();
        await using var server = await BlobServer.StartAsync(azurite.ConnectionString, container.Name, ("StartupWaitSeconds", "1"));

        using var early = await server.GetAsync("/hot.css");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        Assert.True(server.Logs.Contains("there is no 'current' blob"));

        await new ReleasePublisher(container).PublishAsync(Site.Folder, activate: true);
        await Eventually.TrueAsync(async () =>
        {
            using var response = await server.GetAsync("/hot.css");
            return response.StatusCode == HttpStatusCode.OK;
        }, "the release loads once it is activated");
    }
}
