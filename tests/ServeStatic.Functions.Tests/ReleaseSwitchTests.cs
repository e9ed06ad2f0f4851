using System.Net;

namespace ServeStatic.Functions.Tests;

/// <summary>Deploys never break a cached page: after a switch, HTML of the previous release still finds every asset it references.</summary>
[Collection(FolderReleaseCollection.Name)]
public class ReleaseSwitchTests(FolderReleaseHost fixture)
{
    private FunctionsHost Host => fixture.Host;

    [Fact]
    public async Task A_client_holding_the_previous_release_html_still_gets_every_asset_it_references()
    {
        var held = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var page in SitePages.Of(fixture.SiteFolder))
            held[page] = SitePages.References(await TextAsync(page), page).Where(path => !SitePages.IsPage(path)).ToList();
        var home = await TextAsync("/");

        await File.AppendAllTextAsync(Path.Combine(fixture.SiteFolder, "css", "app.css"), "\n.release-two { color: red; }\n");
        await fixture.BuildAsync();
        await Eventually.TrueAsync(async () => await TextAsync("/") != home, "the host serves the new release's home page", seconds: 30);
        var current = SitePages.References(await TextAsync("/"), "/");
        Assert.Contains(held["/"], path => SitePages.IsFingerprinted(path) && !current.Contains(path));

        var failures = new List<string>();
        foreach (var (page, references) in held)
        {
            foreach (var reference in references)
            {
                using var response = await Host.GetAsync(reference);
                if (response.StatusCode != HttpStatusCode.OK)
                    failures.Add($"{page} (previous release) → {reference}: {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private async Task<string> TextAsync(string path)
    {
        using var response = await Host.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }
}
