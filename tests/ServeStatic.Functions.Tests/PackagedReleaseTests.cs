using System.Net;

namespace ServeStatic.Functions.Tests;

/// <summary>
/// The release the app ships (samples/site), served through a real Functions host. <see cref="Json"/> is a file that no
/// build rewrites (fingerprinting changes references in CSS, JS and HTML, not in JSON), so its bytes are the site file's.
/// </summary>
[Collection(PackagedReleaseCollection.Name)]
public class PackagedReleaseTests(PackagedReleaseHost fixture)
{
    public const string Json = "/data/trails.json";

    private FunctionsHost Host => fixture.Host;

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    [InlineData("zstd")]
    [InlineData("identity")]
    public async Task Each_encoding_decodes_to_the_site_file_with_Vary(string encoding)
    {
        using var response = await Host.GetAsync(Json, ("Accept-Encoding", encoding));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var contentEncoding = Decode.ContentEncoding(response);
        Assert.Equal(encoding == "identity" ? null : encoding, contentEncoding);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(PackagedReleaseHost.SiteFile(Json), Decode.Body(contentEncoding, body));
        Assert.Equal(["Accept-Encoding"], response.Headers.Vary);
    }

    [Fact]
    public async Task Each_representation_has_its_own_strong_etag()
    {
        var etags = new List<string>();
        foreach (var encoding in new[] { "identity", "br", "gzip", "zstd" })
        {
            using var response = await Host.GetAsync(Json, ("Accept-Encoding", encoding));
            Assert.False(response.Headers.ETag!.IsWeak);
            etags.Add(response.Headers.ETag.Tag);
        }
        Assert.Equal(4, etags.Distinct().Count());
    }

    [Fact]
    public async Task A_matching_If_None_Match_is_304_without_a_body()
    {
        using var first = await Host.GetAsync(Json, ("Accept-Encoding", "br"));
        var etag = first.Headers.ETag!.ToString();
        using var response = await Host.GetAsync(Json, ("Accept-Encoding", "br"), ("If-None-Match", etag));
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag!.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_range_is_206_with_exactly_those_bytes()
    {
        var file = PackagedReleaseHost.SiteFile(Json);
        using var response = await Host.GetAsync(Json, ("Range", "bytes=100-199"));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 100-199/{file.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(file[100..200], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_path_outside_the_release_is_404()
    {
        using var response = await Host.GetAsync("/no/such/page.html");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    public async Task Another_method_is_405_with_Allow(string method)
    {
        using var response = await Host.SendAsync(new HttpMethod(method), Json);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Head_sends_the_headers_of_get_without_a_body()
    {
        var get = await RawHttp.SendAsync(Host.Address, Json, "GET", headers: "Accept-Encoding: br");
        var head = await RawHttp.SendAsync(Host.Address, Json, "HEAD", headers: "Accept-Encoding: br");
        Assert.Equal(200, head.Status);
        Assert.Equal(Without(get.Headers, "Date"), Without(head.Headers, "Date"));
        Assert.Empty(head.Body);
        Assert.NotEmpty(get.Body);
    }

    [Fact]
    public async Task The_health_path_is_200_and_never_cached()
    {
        using var response = await Host.GetAsync(FunctionsHost.HealthPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task The_home_page_is_the_site_index()
    {
        using var response = await Host.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("<title>Walks for every season", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static SortedDictionary<string, string> Without(IReadOnlyDictionary<string, string> headers, string name) =>
        new(headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value));
}
