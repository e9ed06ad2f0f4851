using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ServeStatic.Build;
using ServeStatic.Fingerprinting;
using ServeStatic.Interop.Tests.Origin;

namespace ServeStatic.Interop.Tests;

/// <summary>
/// RFC 9842 with a real client: headless Chromium loads release N of a site from Kestrel on 127.0.0.1 (a secure context, as
/// loopback is), keeps its fingerprinted script as a dictionary, and after the release folder switches to N+1 fetches the
/// new script naming that dictionary and gets it as a <c>dcz</c> delta, which it decodes and runs.
/// </summary>
public sealed class DictionaryTransportBrowserTests
{
    private const int Functions = 400;

    // Waits for the module script to run, then reports which release it was.
    private const string ReleaseRan = """
        (async () => {
          for (let i = 0; i < 300 && globalThis.release === undefined; i++)
            await new Promise(r => setTimeout(r, 100));
          return globalThis.release ?? null;
        })()
        """;

    [Fact]
    public async Task Chromium_holding_release_N_of_a_script_gets_release_N_plus_1_as_a_dcz_delta_against_it_and_runs_it()
    {
        using var site = new TempSite();
        site.Write("index.html", "<!doctype html><title>dictionary transport</title><script type=\"module\" src=\"/js/app.js\"></script>");
        var first = await BuildAsync(site, 1);
        var requests = new OriginRequests();
        await using var server = await ServerUnderTest.StartAsync(services =>
        {
            services.AddSingleton<IStartupFilter>(requests);
            services.AddServeStatic(options =>
            {
                options.Folder.Path = site.Output();
                options.Folder.PollSeconds = 1;
                options.DictionaryTransport = true;
                // The page is revalidated on every visit, so the browser sees the switch; the fingerprinted script is cached a year.
                options.MaxAgeSeconds = 0;
            });
        });
        var home = new Uri(server.Address, "/");
        await using var browser = await HeadlessChromium.OpenAsync(home);
        Assert.Equal(1, (int?)await browser.EvaluateAsync(ReleaseRan));

        // Chromium stores a dictionary after its response completes, asynchronously: ask for another URL its match pattern
        // covers (a 404) until the request names the dictionary.
        var dictionary = ":" + Convert.ToBase64String(SHA256.HashData(first.Script)) + ":";
        var probes = 0;
        await Eventually.ValueAsync(async () =>
        {
            var probe = $"/js/app.probe{++probes}.js";
            await browser.EvaluateAsync($"fetch('{probe}', {{ cache: 'no-store' }}).then(r => r.status)");
            return requests.All.Any(seen => seen.Target == probe && seen.AvailableDictionary == dictionary) ? "" : Seen(requests);
        }, seen => seen.Length == 0, $"Chromium names the first release's {first.Path} as its Available-Dictionary (requests seen)", seconds: 60);

        var second = await BuildAsync(site, 2);
        await Eventually.TrueAsync(async () =>
        {
            using var page = await server.GetAsync("/");
            return (await page.Content.ReadAsStringAsync()).Contains(second.Path, StringComparison.Ordinal);
        }, "the server switches to the second release");
        await browser.NavigateAsync(home);

        var ran = (int?)await browser.EvaluateAsync(ReleaseRan);
        Assert.True(ran == 2, $"the page ran release {ran}'s script, not the second's; requests seen:\n{Seen(requests)}");
        var upgrade = requests.All.Where(seen => seen.Target == second.Path).ToList();
        var fetched = Assert.Single(upgrade);
        Assert.Equal(dictionary, fetched.AvailableDictionary);
        Assert.Contains("dcz", fetched.AcceptEncoding, StringComparison.Ordinal);
        Assert.Equal(200, fetched.Status);
        Assert.Equal("dcz", fetched.ContentEncoding);
    }

    /// <summary>Builds the site with release <paramref name="release"/> of its script into the site's release folder (which makes it current).</summary>
    private static async Task<(string Path, byte[] Script)> BuildAsync(TempSite site, int release)
    {
        var script = Encoding.UTF8.GetBytes(VersionedScript.Text(Functions, release - 1) + $"globalThis.release = {release};\n");
        site.Write("js/app.js", script);
        var built = await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site) { Fingerprint = new FingerprintOptions() }, site.Output());
        var hashed = built.Index.Assets.Single(asset => asset.Immutable && asset.Path.StartsWith("/js/app.", StringComparison.Ordinal)).Path;
        return (hashed, script);
    }

    private static string Seen(OriginRequests requests) =>
        string.Join("\n", requests.All.Select(seen => $"{seen.Method} {seen.Target} {seen.Status} Accept-Encoding: {seen.AcceptEncoding}; Available-Dictionary: {seen.AvailableDictionary}; Content-Encoding: {seen.ContentEncoding}"));
}
