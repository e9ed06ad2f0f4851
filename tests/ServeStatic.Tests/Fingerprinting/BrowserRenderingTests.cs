using System.Text.Json.Nodes;

namespace ServeStatic.Tests.Fingerprinting;

/// <summary>The fingerprinted sample site in a real browser: its stylesheets (with @import and a web font), its modules and its data load.</summary>
public sealed class BrowserRenderingTests(FingerprintedSampleSite site) : IClassFixture<FingerprintedSampleSite>
{
    // Waits until the modules have rendered the trail list (app.js → lib/*.js → fetch of /data/trails.json) and the web font is in.
    private const string Rendered = """
        (async () => {
          for (let i = 0; i < 300 && document.querySelectorAll('.trail-list li').length === 0; i++)
            await new Promise(r => setTimeout(r, 100));
          await document.fonts.ready;
          return {
            trails: document.querySelectorAll('.trail-list li').length,
            headerDisplay: getComputedStyle(document.querySelector('.site-header')).display,
            bodyFont: getComputedStyle(document.body).fontFamily,
            fontLoaded: document.fonts.check('16px "DejaVu Sans Web"') && [...document.fonts].some(f => f.family.includes('DejaVu Sans Web') && f.status === 'loaded'),
            resources: performance.getEntriesByType('resource').map(e => ({ url: new URL(e.name).pathname, status: e.responseStatus })),
          };
        })()
        """;

    [Fact]
    public async Task The_home_page_renders_with_its_fingerprinted_stylesheets_font_and_modules()
    {
        await using var browser = await HeadlessChromium.OpenAsync(new Uri(site.Server.Address, "/"));
        var page = (await browser.EvaluateAsync(Rendered))!.AsObject();

        Assert.True((int)page["trails"]! > 0, "the modules did not render the trail list");
        Assert.Equal("flex", (string?)page["headerDisplay"]);
        Assert.StartsWith("\"DejaVu Sans Web\"", (string?)page["bodyFont"], StringComparison.Ordinal);
        Assert.True((bool)page["fontLoaded"]!, "the web font referenced by the imported stylesheet did not load");

        var resources = page["resources"]!.AsArray().Select(r => ((string)r!["url"]!, (int)r["status"]!)).ToList();
        Assert.All(resources, r => Assert.Equal(200, r.Item2));
        foreach (var loaded in (string[])["/css/app.", "/css/base.", "/js/app.", "/js/lib/dom.", "/js/lib/locale.", "/fonts/dejavu-sans-latin."])
            Assert.Contains(resources, r => r.Item1.StartsWith(loaded, StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(r.Item1, "\\.[0-9a-f]{10}\\.[a-z0-9]+$"));
    }

    [Fact]
    public async Task Every_resource_the_Link_header_preloads_is_fetched_once_so_each_preload_matches_the_pages_own_request()
    {
        using var home = await site.Server.GetAsync("/");
        var linked = System.Text.RegularExpressions.Regex.Matches(Assert.Single(home.Headers.GetValues("Link")), "<(?<path>[^>]+)>").Select(m => m.Groups["path"].Value).ToList();
        await using var browser = await HeadlessChromium.OpenAsync(new Uri(site.Server.Address, "/"));
        var page = (await browser.EvaluateAsync(Rendered))!.AsObject();

        // A preload whose integrity, crossorigin or destination differed from the page's request would be fetched a second time.
        var fetched = page["resources"]!.AsArray().Select(r => (string)r!["url"]!).ToList();
        Assert.Equal(10, linked.Count);
        Assert.All(linked, path => Assert.Equal(1, fetched.Count(url => url == path)));
    }
}
