using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ServeStatic.Fingerprinting;

namespace ServeStatic.Tests.Fingerprinting;

/// <summary>End to end: <c>servestatic build samples/site --fingerprint --strict --sri</c>, served over real HTTP, crawled.</summary>
public sealed partial class FingerprintedSampleSiteTests(FingerprintedSampleSite site) : IClassFixture<FingerprintedSampleSite>
{
    private const string Immutable = "public, max-age=31536000, immutable";

    [Fact]
    public void The_crawl_reaches_every_page_and_the_files_they_load()
    {
        var pages = site.Index.Assets.Where(a => a.ContentType.StartsWith("text/html", StringComparison.Ordinal)).Select(a => FingerprintedSampleSite.PageUrl(a.Path));
        Assert.All(pages, page => Assert.Contains(page, site.Responses.Keys));
        Assert.Contains(site.References, r => r.Role == ReferenceRole.Module);
        Assert.Contains(site.References, r => r.Document.EndsWith(".css", StringComparison.Ordinal));
        Assert.True(site.References.Count > 50, $"only {site.References.Count} references were found");
    }

    [Fact]
    public async Task The_sample_s_rules_redirect_the_journal_guard_its_pages_and_answer_misses_with_its_404_page()
    {
        using var journal = await site.Server.GetAsync("/journal");
        using var page = await site.Server.GetAsync("/about.html");
        using var missing = await site.Server.GetAsync("/no-such-trail");
        Assert.Equal(HttpStatusCode.MovedPermanently, journal.StatusCode);
        Assert.Equal("/blog/", journal.Headers.Location!.OriginalString);
        Assert.StartsWith("default-src 'self'", Assert.Single(page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("<title>", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_page_and_every_reference_it_contains_answers_200()
    {
        // A link to /docs/index.html may answer with a redirect to /docs/, which must answer 200; anything a page loads must answer 200 itself.
        bool Answers(FingerprintedSampleSite.Fetched r) => r.Status == HttpStatusCode.OK
            || (r.Status == HttpStatusCode.MovedPermanently && r.Location is { } to && site.Responses[to].Status == HttpStatusCode.OK
                && site.References.Where(f => f.Path == r.Path).All(f => f.Role == ReferenceRole.Link));
        var failures = site.Responses.Values.Where(r => !Answers(r))
            .Select(r => $"{r.Path} answered {(int)r.Status}, referenced by {string.Join(", ", site.References.Where(f => f.Path == r.Path).Select(f => f.Document).Distinct())}");
        Assert.Empty(failures);
    }

    [Fact]
    public void Every_file_a_page_stylesheet_or_module_loads_is_a_fingerprinted_url_cached_as_immutable()
    {
        var loaded = site.References.Where(r => r.Role is ReferenceRole.Resource or ReferenceRole.Module).Select(r => r.Path).Distinct().ToList();
        Assert.NotEmpty(loaded);
        Assert.All(loaded, path =>
        {
            Assert.Matches("\\.[0-9a-f]{10}(\\.[a-z0-9]+)?$", path);
            Assert.Equal(Immutable, site.Responses[path].CacheControl);
        });
    }

    [Fact]
    public async Task The_original_url_of_a_fingerprinted_file_still_answers_with_the_short_max_age()
    {
        var originals = site.Index.Assets.Where(a => !a.Immutable && site.Index.Assets.Any(f => f.Immutable && f.Sha256 == a.Sha256)).ToList();
        Assert.NotEmpty(originals);
        foreach (var original in originals)
        {
            var fetched = await site.FetchAsync(original.Path);
            Assert.Equal(HttpStatusCode.OK, fetched.Status);
            Assert.Equal("public, max-age=60", fetched.CacheControl);
        }
    }

    [Fact]
    public void Pages_are_never_renamed_and_are_not_cached_as_immutable()
    {
        var pages = site.Index.Assets.Where(a => a.ContentType.StartsWith("text/html", StringComparison.Ordinal)).ToList();
        Assert.All(pages, page =>
        {
            Assert.False(page.Immutable);
            Assert.DoesNotMatch("\\.[0-9a-f]{10}\\.html$", page.Path);
            Assert.NotEqual(Immutable, site.Responses[FingerprintedSampleSite.PageUrl(page.Path)].CacheControl);
        });
    }

    [Fact]
    public void Every_integrity_attribute_matches_the_bytes_served()
    {
        var checkedCount = 0;
        foreach (var page in site.Responses.Values.Where(r => r.ContentType == "text/html" && r.Status == HttpStatusCode.OK))
        {
            foreach (Match tag in TagWithIntegrity().Matches(Encoding.UTF8.GetString(page.Body)))
            {
                var url = tag.Groups["url"].Value;
                var path = url.StartsWith('/') ? url : ReferenceResolver.DirectoryOf(page.Path) + url;
                var served = site.Responses[path].Body;
                Assert.Equal(tag.Groups["integrity"].Value, "sha256-" + Convert.ToBase64String(SHA256.HashData(served)));
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 0, "no page carries an integrity attribute");
    }

    [Fact]
    public async Task Every_url_of_the_manifest_serves_the_file_it_describes()
    {
        var manifest = await site.FetchAsync(Fingerprinter.ManifestPath);
        Assert.Equal(HttpStatusCode.OK, manifest.Status);
        using var document = JsonDocument.Parse(manifest.Body);
        foreach (var file in document.RootElement.GetProperty("files").EnumerateObject())
        {
            var fetched = await site.FetchAsync(FingerprintedSampleSite.PageUrl(file.Value.GetProperty("url").GetString()!));
            Assert.Equal(HttpStatusCode.OK, fetched.Status);
            Assert.Equal(file.Value.GetProperty("size").GetInt64(), fetched.Body.Length);
            Assert.Equal(file.Value.GetProperty("integrity").GetString(), "sha256-" + Convert.ToBase64String(SHA256.HashData(fetched.Body)));
        }
    }

    [Fact]
    public async Task The_home_page_links_its_four_stylesheets_five_modules_and_font_each_an_immutable_url_that_answers_200()
    {
        using var home = await site.Server.GetAsync("/");
        var links = LinkTarget().Matches(Assert.Single(home.Headers.GetValues("Link"))).Select(m => (Path: m.Groups["path"].Value, Kind: m.Groups["kind"].Value)).ToList();

        Assert.Equal([.. Enumerable.Repeat("rel=preload; as=style", 4), .. Enumerable.Repeat("rel=modulepreload", 5), "rel=preload; as=font"], links.Select(l => l.Kind));
        Assert.All(links, link =>
        {
            Assert.Equal(HttpStatusCode.OK, site.Responses[link.Path].Status);
            Assert.Equal(Immutable, site.Responses[link.Path].CacheControl);
        });
        Assert.Contains(links, link => link.Path.StartsWith("/fonts/dejavu-sans-latin.", StringComparison.Ordinal));
    }

    [GeneratedRegex("<(?<path>[^>]+)>; (?<kind>rel=modulepreload|rel=preload; as=[a-z]+)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex("<(?:script|link)\\b[^>]*?(?:src|href)=\"(?<url>[^\"]+)\"[^>]*?integrity=\"(?<integrity>[^\"]+)\"")]
    private static partial Regex TagWithIntegrity();
}
