using System.Net;
using ServeStatic.Serving;

namespace ServeStatic.Tests.Serving;

/// <summary>Cache-Control (RFC 9111 §5.2.2), header rules, CORS and nosniff.</summary>
public class CacheHeaderTests(StandardSite site) : IClassFixture<StandardSite>
{
    private const string Immutable = "public, max-age=31536000, immutable";

    private static async Task<HttpResponseMessage> GetFromOwnServerAsync(TestRelease release, string path, Action<ServeStaticOptions> configure)
    {
        using var folder = new TempFolder();
        release.WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path, configure);
        var response = await server.GetAsync(path);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [Fact]
    public async Task An_asset_the_build_fingerprinted_is_immutable_for_a_year()
    {
        using var response = await site.Server.GetAsync(StandardSite.Fingerprinted);
        Assert.Equal(Immutable, response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task A_name_with_eight_or_more_hex_digits_before_the_extension_is_immutable()
    {
        using var response = await site.Server.GetAsync(StandardSite.HexNamed);
        Assert.Equal(Immutable, response.Headers.CacheControl!.ToString());
    }

    [Theory]
    [InlineData("/js/vendor.0123456.js")]
    [InlineData("/js/0123456789ab.js")]
    [InlineData("/js/vendor.0123456g89ab.js")]
    [InlineData("/js/vendor-0123456789ab.js")]
    public async Task A_name_without_a_dot_separated_hex_run_is_not_immutable(string path)
    {
        using var response = await GetFromOwnServerAsync(new TestRelease().Add(path, "x"), path, _ => { });
        Assert.Equal("public, max-age=60", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task The_hex_name_rule_can_be_turned_off()
    {
        using var response = await GetFromOwnServerAsync(new TestRelease().Add(StandardSite.HexNamed, "x"), StandardSite.HexNamed, o => o.ImmutableHexNames = false);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Any_other_asset_gets_a_short_public_max_age()
    {
        using var response = await site.Server.GetAsync(StandardSite.Css);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task The_short_max_age_is_configurable()
    {
        using var response = await GetFromOwnServerAsync(new TestRelease().Add("/a.css", "a{}"), "/a.css", o => o.MaxAgeSeconds = 300);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task A_header_rule_replaces_the_cache_policy_of_matching_assets()
    {
        var release = new TestRelease().Add("/docs/page.html", "<p>", "text/html; charset=utf-8").Add("/app.css", "a{}");
        Action<ServeStaticOptions> rules = o => o.HeaderRules.Add(new HeaderRule { Glob = "*.html", Name = "Cache-Control", Value = "no-cache" });
        using var html = await GetFromOwnServerAsync(release, "/docs/page.html", rules);
        using var css = await GetFromOwnServerAsync(release, "/app.css", rules);
        Assert.Equal("no-cache", html.Headers.CacheControl!.ToString());
        Assert.Equal("public, max-age=60", css.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task A_header_rule_adds_a_header_such_as_a_content_security_policy()
    {
        using var response = await GetFromOwnServerAsync(new TestRelease().Add("/index.html", "<p>", "text/html; charset=utf-8"), "/",
            o => o.HeaderRules.Add(new HeaderRule { Glob = "/**.html", Name = "Content-Security-Policy", Value = "default-src 'self'" }));
        Assert.Equal("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Header_rule_globs_are_site_path_globs_the_dialect_of_exclude_and_entry_points()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/sw.js", "s").Add("/js/deep/app.js", "a").Add("/embed/w.css", "w{}").Add("/app.css", "a{}").WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o =>
        {
            o.HeaderRules.Add(new HeaderRule { Glob = "*.js", Name = "X-Glob", Value = "matched" });
            o.HeaderRules.Add(new HeaderRule { Glob = "embed/", Name = "X-Glob", Value = "matched" });
        });
        foreach (var path in (string[])["/sw.js", "/js/deep/app.js", "/embed/w.css"])
        {
            using var response = await server.GetAsync(path);
            Assert.Equal("matched", Assert.Single(response.Headers.GetValues("X-Glob")));
        }
        using var other = await server.GetAsync("/app.css");
        Assert.False(other.Headers.Contains("X-Glob"));
    }

    [Fact]
    public async Task A_header_rule_with_an_empty_glob_is_refused_at_start_naming_it()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/a.css", "a{}").WriteTo(folder.Path);
        var e = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => ServerUnderTest.StartAsync(folder.Path,
            o => o.HeaderRules.Add(new HeaderRule { Glob = "/", Name = "X-Frame-Options", Value = "DENY" })));
        Assert.Contains("ServeStatic:HeaderRules:0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_rule_may_not_replace_a_representation_header()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/a.css", "a{}").WriteTo(folder.Path);
        var e = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => ServerUnderTest.StartAsync(folder.Path,
            o => o.HeaderRules.Add(new HeaderRule { Glob = "*", Name = "ETag", Value = "\"mine\"" })));
        Assert.Contains("ServeStatic:HeaderRules:0:Name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_origin_may_read_an_asset_by_default()
    {
        using var response = await site.Server.GetAsync(StandardSite.Css);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task The_allowed_origin_is_configurable_and_can_be_turned_off()
    {
        var release = new TestRelease().Add("/a.css", "a{}");
        using var one = await GetFromOwnServerAsync(release, "/a.css", o => o.AccessControlAllowOrigin = "https://example.org");
        using var none = await GetFromOwnServerAsync(release, "/a.css", o => o.AccessControlAllowOrigin = "");
        Assert.Equal("https://example.org", Assert.Single(one.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(none.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData(StandardSite.Css, HttpStatusCode.OK)]
    [InlineData("/missing.css", HttpStatusCode.NotFound)]
    [InlineData("/docs", HttpStatusCode.MovedPermanently)]
    public async Task Nosniff_is_sent_on_every_response(string path, HttpStatusCode status)
    {
        using var response = await site.Server.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Every_200_has_a_content_type_and_length()
    {
        using var response = await site.Server.GetAsync(StandardSite.Empty);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }
}
