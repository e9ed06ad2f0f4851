namespace ServeStatic.Tests.Serving;

/// <summary>Request targets that try to reach outside the index: sent raw, since HttpClient would normalise them.</summary>
public class HostilePathTests : IAsyncLifetime
{
    private const string Secret = "the secret";
    private readonly TempFolder _folder = new();
    private ServerUnderTest _server = null!;

    public async Task InitializeAsync()
    {
        // The release has a public file at /index.html and /docs/page.txt; the folder also has files that are not in the index.
        new TestRelease().Add("/index.html", "<h1>home</h1>", "text/html; charset=utf-8").Add("/docs/page.txt", "page")
            .Add("/.well-known/security.txt", "Contact: mailto:security@example.com").Add("/.well-known/.hidden", Secret).WriteTo(_folder.Path);
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "secret.txt"), Secret);
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, ".env"), Secret);
        _server = await ServerUnderTest.StartAsync(_folder.Path);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    public static TheoryData<string> HostileTargets => new()
    {
        "/../secret.txt",
        "/docs/../index.html",
        "/docs/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/docs/%2e%2e/index.html",
        "/docs/.%2e/index.html",
        "/docs/%2e./index.html",
        "/%252e%252e/secret.txt",
        "/docs/..%2findex.html",
        "/docs/..%2Findex.html",
        "/docs%2fpage.txt",
        "/docs%2Fpage.txt",
        "/docs/..%5cindex.html",
        "/docs\\..\\index.html",
        "/docs/%5c..%5cindex.html",
        "/%c0%ae%c0%ae/secret.txt",
        "/%c0%af",
        "/docs/%c0%ae%c0%ae%c0%afindex.html",
        "/%e0%80%ae%e0%80%ae/secret.txt",
        "/%uff0e%uff0e/secret.txt",
        "/index.html%00.txt",
        "/index.html%00",
        "/%00",
        "/docs/page.txt%00",
        "/.env",
        "/%2eenv",
        "/.well-known/.hidden",
        "/.well-known/../secret.txt",
        "/.well-known/%2e%2e/secret.txt",
        "/.WELL-KNOWN/security.txt",
        "/docs/./page.txt",
        "/docs/%2e/page.txt",
        "//index.html",
        "/docs//page.txt",
        "/%",
        "/%zz",
        "/%2",
        "/%ff%fe",
        "/index.html%0d%0aX-Injected:%20yes",
        "/index.html%09",
        "/" + new string('a', 5000),
        "/" + string.Concat(Enumerable.Repeat("%2e%2e/", 600)) + "secret.txt",
        "/" + string.Concat(Enumerable.Repeat("a/", 3000)),
    };

    [Theory]
    [MemberData(nameof(HostileTargets))]
    public async Task A_hostile_path_never_returns_a_file_nor_a_5xx(string target)
    {
        var response = await RawHttp.SendAsync(_server.Address, target);
        Assert.InRange(response.Status, 400, 499);
        Assert.DoesNotContain(Secret, System.Text.Encoding.Latin1.GetString(response.Body), StringComparison.Ordinal);
        Assert.False(response.Headers.ContainsKey("X-Injected"));
    }

    [Theory]
    [InlineData("/%c0%ae%c0%ae/secret.txt")]
    [InlineData("/%ff%fe")]
    [InlineData("/index.html%00")]
    [InlineData("/%zz")]
    public async Task Invalid_utf8_bad_escapes_and_nul_are_400(string target)
    {
        var response = await RawHttp.SendAsync(_server.Address, target);
        Assert.Equal(400, response.Status);
    }

    [Theory]
    [InlineData("/docs/%2e%2e/index.html")]
    [InlineData("/docs%2fpage.txt")]
    [InlineData("/.env")]
    [InlineData("/docs/./page.txt")]
    public async Task Dot_segments_dot_files_and_encoded_slashes_are_404_even_where_they_would_resolve_to_a_file(string target)
    {
        var response = await RawHttp.SendAsync(_server.Address, target);
        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task The_well_known_folder_is_the_one_dot_folder_that_is_served()
    {
        // RFC 8615: /.well-known/ is published by sites (security.txt, assetlinks.json); the build keeps it.
        var response = await RawHttp.SendAsync(_server.Address, "/.well-known/security.txt");
        Assert.Equal(200, response.Status);
        Assert.Equal("Contact: mailto:security@example.com", System.Text.Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public async Task A_plain_path_over_the_same_raw_client_is_served()
    {
        var response = await RawHttp.SendAsync(_server.Address, "/docs/page.txt");
        Assert.Equal(200, response.Status);
        Assert.Equal("page", System.Text.Encoding.UTF8.GetString(response.Body));
    }

    [Theory]
    [InlineData("/index.html?x\u0001y", "/?x%01y")]
    [InlineData("/index.html?a\u001bb", "/?a%1Bb")]
    [InlineData("/index.html?q\u007f", "/?q%7F")]
    [InlineData("/index.html?plain=1&b=%41", "/?plain=1&b=%41")]
    public async Task A_redirect_percent_encodes_query_bytes_a_header_cannot_carry_and_keeps_the_rest(string target, string location)
    {
        var response = await RawHttpUtf8Async(target);
        Assert.Equal(301, response.Status);
        Assert.Equal(location, response.Headers["Location"]);
        Assert.DoesNotContain(_server.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    /// <summary>A request target sent as UTF-8 bytes (RawHttp sends Latin-1), control bytes and all.</summary>
    private async Task<RawResponse> RawHttpUtf8Async(string target) =>
        await RawHttp.SendAsync(_server.Address, System.Text.Encoding.Latin1.GetString(System.Text.Encoding.UTF8.GetBytes(target)));
}
