using System.Net;
using System.Text.Json.Nodes;
using ServeStatic.Interop.Tests.Caches;
using ServeStatic.Serving;

namespace ServeStatic.Interop.Tests;

/// <summary>
/// Deploys never break a cached page: a page a cache stored before a release switch still finds, through that cache, every
/// asset it references (the origin's folder keeps the previous releases' fingerprinted assets), and renders styled in Chromium.
/// </summary>
public class ReleaseSwitchTests(ReleaseSwitchTests.PollingOrigin caches) : IClassFixture<ReleaseSwitchTests.PollingOrigin>
{
    /// <summary>The sample origin looking for a new release every second.</summary>
    public sealed class PollingOrigin : CachedOrigin
    {
        protected override void Configure(ServeStaticOptions options) => options.Folder.PollSeconds = 1;
    }

    // Waits for the page and its stylesheets to load, then reports the header's layout (set by the imported stylesheets) and each resource's status.
    private const string Styled = """
        (async () => {
          for (let i = 0; i < 300 && document.readyState !== 'complete'; i++)
            await new Promise(r => setTimeout(r, 100));
          return {
            stylesheet: document.querySelector('link[rel=stylesheet]').getAttribute('href'),
            headerDisplay: getComputedStyle(document.querySelector('.site-header')).display,
            resources: performance.getEntriesByType('resource').map(e => ({ url: new URL(e.name).pathname, status: e.responseStatus })),
          };
        })()
        """;

    private static int s_deploys;

    public static TheoryData<Via> Vias() => [.. Enum.GetValues<Via>()];

    [Theory]
    [MemberData(nameof(Vias))]
    public async Task A_page_cached_before_a_switch_finds_every_asset_it_references_and_renders_styled(Via via)
    {
        var home = new Uri(caches.Address(via), "/");
        // Store the page in the cache in each coding it keeps a copy for (its assets stay uncached): the browser's request finds one.
        var before = "";
        foreach (var coding in (string?[])["br", "zstd", "gzip", null])
        {
            var page = await GetAsync(home, coding);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            before = System.Text.Encoding.UTF8.GetString(page.Body);
        }

        await SwitchReleaseAsync(before);

        var references = FingerprintedSampleSite.ReferencesIn(new FingerprintedSampleSite.Fetched("/index.html", HttpStatusCode.OK, null, "text/html", null, System.Text.Encoding.UTF8.GetBytes(before)))
            .Select(found => found.Path).Distinct().ToList();
        Assert.NotEmpty(references);
        foreach (var path in references)
        {
            var asset = await GetAsync(new Uri(caches.Address(via), path), "gzip, deflate, br, zstd");
            Assert.True(asset.Status is HttpStatusCode.OK or HttpStatusCode.MovedPermanently or HttpStatusCode.Found,
                $"{path}, referenced by the page cached before the switch, answered {(int)asset.Status} through {via}");
        }
        await using var browser = await HeadlessChromium.OpenAsync(home);
        var rendered = (await browser.EvaluateAsync(Styled))!.AsObject();
        if (via != Via.Origin)
            Assert.Contains((string)rendered["stylesheet"]!, before, StringComparison.Ordinal);
        Assert.Equal("flex", (string?)rendered["headerDisplay"]);
        Assert.All(rendered["resources"]!.AsArray(), r => Assert.Equal(200, (int)r!["status"]!));
    }

    /// <summary>Builds a release whose stylesheets differ (so do their fingerprinted names and the page) and waits until the origin serves it.</summary>
    private async Task SwitchReleaseAsync(string pageBefore)
    {
        using var site = new TempFolder();
        CopyFolder(Repository.SampleSite, site.Path);
        File.AppendAllText(Path.Combine(site.Path, "css", "base.css"), $"\n.deploy-{Interlocked.Increment(ref s_deploys)} {{ color: inherit; }}\n");
        await caches.Origin.DeployAsync(site.Path);
        await Eventually.TrueAsync(async () => System.Text.Encoding.UTF8.GetString((await GetAsync(new Uri(caches.Origin.Address, "/"), null)).Body) != pageBefore,
            "the origin switches to the new release");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> GetAsync(Uri url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await caches.Origin.Server.Client.SendAsync(request);
        return (response.StatusCode, Decode.Body(Decode.ContentEncoding(response), await response.Content.ReadAsByteArrayAsync()));
    }
}
