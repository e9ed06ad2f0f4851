using System.Net;
using ServeStatic.Build;
using ServeStatic.Fingerprinting;
using ServeStatic.Index;

namespace ServeStatic.Tests.Serving;

/// <summary>Two releases of a site built into one folder, the second served with dictionary transport on (RFC 9842).</summary>
public sealed class DeltaSite : IAsyncLifetime
{
    public const string Script = "/js/app.js";
    public const string Data = "/data/notes.txt";
    private const int Functions = 600;

    private readonly TempSite _site = new();

    internal ServerUnderTest Server { get; private set; } = null!;

    public byte[] Previous { get; private set; } = [];

    public byte[] Current { get; private set; } = [];

    /// <summary><c>Available-Dictionary</c> naming the previous version: <c>:base64(sha256):</c>.</summary>
    public string PreviousDictionary => ":" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Previous)) + ":";

    internal ReleaseIndex Index { get; private set; } = null!;

    public string Release => _site.Output();

    public async Task InitializeAsync()
    {
        _site.Write("index.html", "<!doctype html><script type=\"module\" src=\"/js/app.js\"></script>");
        _site.Write("data/notes.txt", TempSite.CompressibleText(8000));
        Previous = Encoding(_site.Write("js/app.js", VersionedScript.Text(Functions, 0)));
        // An entry point keeps its name only: a file without a fingerprinted twin.
        var options = new BuildOptions(_site.Site) { Fingerprint = new FingerprintOptions { EntryPoints = [Data] } };
        await ReleaseBuilder.BuildToFolderAsync(options, Release);
        Current = Encoding(_site.Write("js/app.js", VersionedScript.Text(Functions, 1)));
        Index = (await ReleaseBuilder.BuildToFolderAsync(options, Release)).Index;
        Server = await ServerUnderTest.StartAsync(Release, o => o.DictionaryTransport = true);
    }

    public string HashedScript => Index.Assets.Single(asset => asset.Immutable && asset.Path.StartsWith("/js/app.", StringComparison.Ordinal)).Path;

    private static byte[] Encoding(string path) => File.ReadAllBytes(path);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _site.Dispose();
    }
}

public class DictionaryTransportTests(DeltaSite site) : IClassFixture<DeltaSite>
{
    private const string Accept = "gzip, deflate, br, zstd, dcz";

    private ServerUnderTest Server => site.Server;

    private Task<HttpResponseMessage> GetDelta(params (string Name, string Value)[] more) =>
        Server.GetAsync(DeltaSite.Script, [("Accept-Encoding", Accept), ("Available-Dictionary", site.PreviousDictionary), .. more]);

    private static string Header(HttpResponseMessage response, string name) =>
        string.Join(", ", response.Headers.TryGetValues(name, out var values) ? values : response.Content.Headers.TryGetValues(name, out var content) ? content : []);

    [Fact]
    public async Task A_client_holding_the_previous_version_gets_the_delta_which_decodes_to_the_new_file()
    {
        using var response = await GetDelta();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("dcz", Decode.ContentEncoding(response));
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(site.Current, Decode.Delta(body, site.Previous));
    }

    [Fact]
    public async Task The_hashed_name_gets_the_delta_against_the_previous_hashed_file_too()
    {
        using var response = await Server.GetAsync(site.HashedScript, ("Accept-Encoding", Accept), ("Available-Dictionary", site.PreviousDictionary));
        Assert.Equal("dcz", Decode.ContentEncoding(response));
        Assert.Equal(site.Current, Decode.Delta(await response.Content.ReadAsByteArrayAsync(), site.Previous));
    }

    [Fact]
    public async Task The_delta_has_its_own_strong_etag()
    {
        using var delta = await GetDelta();
        using var zstd = await Server.GetAsync(DeltaSite.Script, ("Accept-Encoding", "zstd"));
        using var identity = await Server.GetAsync(DeltaSite.Script);
        var etags = new[] { delta, zstd, identity }.Select(r => r.Headers.ETag!).ToList();
        Assert.All(etags, etag => Assert.False(etag.IsWeak));
        Assert.Equal(3, etags.Select(etag => etag.Tag).Distinct().Count());
    }

    [Fact]
    public async Task Every_response_of_an_asset_with_deltas_varies_with_Available_Dictionary()
    {
        using var delta = await GetDelta();
        using var plain = await Server.GetAsync(DeltaSite.Script, ("Accept-Encoding", "br"));
        Assert.Equal("Accept-Encoding, Available-Dictionary", Header(delta, "Vary"));
        Assert.Equal("Accept-Encoding, Available-Dictionary", Header(plain, "Vary"));
    }

    [Fact]
    public async Task An_asset_without_deltas_keeps_Vary_Accept_Encoding()
    {
        using var data = await Server.GetAsync(DeltaSite.Data, ("Accept-Encoding", Accept));
        Assert.Equal("Accept-Encoding", Header(data, "Vary"));
    }

    [Theory]
    [InlineData(":AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:")]
    [InlineData("not a byte sequence")]
    [InlineData(":dG9vIHNob3J0:")]
    [InlineData("::")]
    [InlineData(":!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!:")]
    public async Task An_unknown_or_malformed_dictionary_gets_the_ordinary_negotiation(string availableDictionary)
    {
        using var response = await Server.GetAsync(DeltaSite.Script, ("Accept-Encoding", Accept), ("Available-Dictionary", availableDictionary));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("br", Decode.ContentEncoding(response));
    }

    [Theory]
    [InlineData("gzip, br, zstd")]
    [InlineData("gzip, br, zstd, dcz;q=0")]
    [InlineData("*")]
    public async Task A_client_that_does_not_accept_dcz_by_name_never_gets_a_delta(string acceptEncoding)
    {
        using var response = await Server.GetAsync(DeltaSite.Script, ("Accept-Encoding", acceptEncoding), ("Available-Dictionary", site.PreviousDictionary));
        Assert.NotEqual("dcz", Decode.ContentEncoding(response));
    }

    [Theory]
    [InlineData("same-origin", "cors")]
    [InlineData("cross-site", "navigate")]
    [InlineData("same-site", "same-origin")]
    public async Task A_request_whose_response_the_browser_may_read_gets_the_delta(string fetchSite, string mode)
    {
        using var response = await GetDelta(("Sec-Fetch-Site", fetchSite), ("Sec-Fetch-Mode", mode), ("Origin", "http://elsewhere.example"));
        Assert.Equal("dcz", Decode.ContentEncoding(response));
    }

    [Theory]
    [InlineData("cross-site", "no-cors")]
    [InlineData("same-site", "no-cors")]
    [InlineData("cross-site", "websocket")]
    public async Task A_cross_origin_request_outside_CORS_gets_no_delta(string fetchSite, string mode)
    {
        using var response = await GetDelta(("Sec-Fetch-Site", fetchSite), ("Sec-Fetch-Mode", mode), ("Origin", "http://elsewhere.example"));
        Assert.Equal("br", Decode.ContentEncoding(response));
    }

    [Theory]
    [InlineData("*", "http://elsewhere.example", "dcz")]
    [InlineData("http://elsewhere.example", "http://elsewhere.example", "dcz")]
    [InlineData("http://another.example", "http://elsewhere.example", "br")]
    [InlineData("", "http://elsewhere.example", "br")]
    public async Task A_cross_origin_cors_request_gets_the_delta_only_when_its_origin_is_allowed(string allowOrigin, string origin, string encoding)
    {
        await using var cors = await ServerUnderTest.StartAsync(site.Release, o =>
        {
            o.DictionaryTransport = true;
            o.AccessControlAllowOrigin = allowOrigin;
        });
        using var response = await cors.GetAsync(DeltaSite.Script, ("Accept-Encoding", Accept), ("Available-Dictionary", site.PreviousDictionary),
            ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "cors"), ("Origin", origin));
        Assert.Equal(encoding, Decode.ContentEncoding(response));
    }

    [Fact]
    public async Task A_range_request_is_answered_from_the_identity_as_without_dictionaries()
    {
        using var response = await GetDelta(("Range", "bytes=0-9"));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Null(Decode.ContentEncoding(response));
        Assert.Equal(site.Current[..10], await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(Header(response, "Use-As-Dictionary"));
    }

    [Fact]
    public async Task Head_sends_the_headers_of_the_delta_without_a_body()
    {
        using var get = await GetDelta();
        using var head = await Server.SendAsync(HttpMethod.Head, DeltaSite.Script, ("Accept-Encoding", Accept), ("Available-Dictionary", site.PreviousDictionary));
        Assert.Equal("dcz", Decode.ContentEncoding(head));
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_deltas_etag_revalidates_to_304_and_the_zstd_etag_does_not()
    {
        using var delta = await GetDelta();
        using var zstd = await Server.GetAsync(DeltaSite.Script, ("Accept-Encoding", "zstd"));
        using var revalidated = await GetDelta(("If-None-Match", delta.Headers.ETag!.Tag));
        using var other = await GetDelta(("If-None-Match", zstd.Headers.ETag!.Tag));
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(delta.Headers.ETag, revalidated.Headers.ETag);
        Assert.Equal("Accept-Encoding, Available-Dictionary", Header(revalidated, "Vary"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("dcz", Decode.ContentEncoding(other));
    }

    [Fact]
    public async Task A_fingerprinted_file_and_its_unhashed_name_offer_themselves_for_every_name_of_the_file()
    {
        using var unhashed = await Server.GetAsync(DeltaSite.Script);
        using var hashed = await Server.GetAsync(site.HashedScript);
        Assert.Equal("match=\"/js/app.*js\"", Header(unhashed, "Use-As-Dictionary"));
        Assert.Equal("match=\"/js/app.*js\"", Header(hashed, "Use-As-Dictionary"));
    }

    [Fact]
    public async Task A_file_without_a_fingerprinted_twin_offers_itself_for_its_own_path()
    {
        using var data = await Server.GetAsync(DeltaSite.Data);
        Assert.Equal("match=\"/data/notes.txt\"", Header(data, "Use-As-Dictionary"));
    }

    [Fact]
    public async Task With_the_option_off_there_is_no_Use_As_Dictionary_and_no_delta()
    {
        await using var off = await ServerUnderTest.StartAsync(site.Release);
        using var response = await off.GetAsync(DeltaSite.Script, ("Accept-Encoding", Accept), ("Available-Dictionary", site.PreviousDictionary));
        Assert.Equal("br", Decode.ContentEncoding(response));
        Assert.Empty(Header(response, "Use-As-Dictionary"));
        Assert.Equal("Accept-Encoding", Header(response, "Vary"));
    }
}
