using System.Globalization;
using ServeStatic.Interop.Tests.Caches;
using ServeStatic.Interop.Tests.Clients;

namespace ServeStatic.Interop.Tests;

/// <summary>
/// Ranges clients can use, through the caches too: a client that sends its usual Accept-Encoding with a Range gets
/// identity bytes it can use, even from a cache that already holds the compressed body (Varnish and nginx cut ranges
/// out of what they store); If-Range resumes with the identity ETag and restarts with any other.
/// </summary>
public class RangeTests(CachedOrigin caches) : IClassFixture<CachedOrigin>
{
    /// <summary>The clients that send Accept-Encoding on their own and decode what they get.</summary>
    public static TheoryData<Via, Client> Cases()
    {
        var data = new TheoryData<Via, Client>();
        foreach (var via in Enum.GetValues<Via>())
        {
            foreach (var client in (Client[])[Client.CurlCompressed, Client.PythonRequests, Client.NodeFetch, Client.DotnetHttpClient])
                data.Add(via, client);
        }
        return data;
    }

    private string Path => caches.Origin.Fingerprinted("/css/app.", ".css");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_range_after_a_compressed_copy_was_cached_is_identity_bytes_the_client_uses(Via via, Client client)
    {
        var url = caches.FreshUrl(via, Path);
        var original = caches.Origin.Original(Path);
        var full = await RealClients.GetAsync(client, url);
        Assert.True(full.Failure is null && full.Status == 200, $"{client} GET {url}: {full.Failure ?? full.Status.ToString(CultureInfo.InvariantCulture)}");

        var range = await RealClients.GetAsync(client, url, ("Range", "bytes=100-"));

        Assert.True(range.Failure is null, $"{client} GET {url} with Range: bytes=100-: {range.Failure}\n{caches.Output(via)}");
        Assert.Equal(206, range.Status);
        Assert.Equal(original[100..], range.Body);
        Assert.Equal($"bytes 100-{original.Length - 1}/{original.Length}", range.Header("Content-Range"));
        Assert.Null(range.Header("Content-Encoding"));
        Assert.Equal(await IdentityETagAsync(), range.Header("ETag"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task If_range_with_the_identity_etag_resumes(Via via, Client client)
    {
        var url = caches.FreshUrl(via, Path);
        var original = caches.Origin.Original(Path);

        var resumed = await RealClients.GetAsync(client, url, ("Range", "bytes=100-"), ("If-Range", await IdentityETagAsync()));

        Assert.True(resumed.Failure is null, $"{client}: {resumed.Failure}");
        Assert.Equal(206, resumed.Status);
        Assert.Equal(original[100..], resumed.Body);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task If_range_with_a_compressed_etag_restarts_with_the_whole_file(Via via, Client client)
    {
        var url = caches.FreshUrl(via, Path);
        var representations = await caches.RepresentationsAsync(Path, Path);
        var compressed = representations.First(r => r.Value is not null).Key;

        var restarted = await RealClients.GetAsync(client, url, ("Range", "bytes=100-"), ("If-Range", compressed));

        Assert.True(restarted.Failure is null, $"{client}: {restarted.Failure}");
        Assert.Equal(200, restarted.Status);
        Assert.Equal(caches.Origin.Original(Path), restarted.Body);
    }

    private async Task<string> IdentityETagAsync() => (await caches.RepresentationsAsync(Path, Path)).Single(r => r.Value is null).Key;
}
