using System.Net;
using System.Text;
using ServeStatic.Azure;

namespace ServeStatic.Functions.Tests;

/// <summary>The app under a host with <c>ServeStatic__Source=Blob</c>, against a real Azurite.</summary>
public class BlobSourceTests
{
    [Fact]
    public async Task A_release_activated_while_the_host_runs_is_served_without_a_restart()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var container = await azurite.CreateContainerAsync();
        using var site = new TestSite();
        var releaseA = await site.BuildAsync(("/index.html", Html("A")), ("/css/site.css", Encoding.UTF8.GetBytes("body { color: teal; }\n")));
        await new ReleasePublisher(container).PublishAsync(site.ReleaseFolder, activate: true);

        await using var host = await FunctionsHost.StartAsync(await PublishedApp.FolderAsync(),
            ("ServeStatic__Source", "Blob"),
            ("ServeStatic__Blob__ConnectionString", azurite.ConnectionString),
            ("ServeStatic__Blob__Container", container.Name),
            ("ServeStatic__Blob__PollSeconds", "1"));
        Assert.Contains("<title>A</title>", await TextAsync(host, "/"), StringComparison.Ordinal);

        var releaseB = await site.BuildAsync(("/index.html", Html("B")), ("/css/site.css", Encoding.UTF8.GetBytes("body { color: navy; }\n")));
        Assert.NotEqual(releaseA.ReleaseId, releaseB.ReleaseId);
        await new ReleasePublisher(container).PublishAsync(site.ReleaseFolder, activate: true);

        await Eventually.TrueAsync(async () => (await TextAsync(host, "/")).Contains("<title>B</title>", StringComparison.Ordinal),
            "the host serves release B after it was activated");
        Assert.Equal("body { color: navy; }\n", await TextAsync(host, "/css/site.css"));
    }

    [Fact]
    public async Task A_page_of_the_previous_release_still_finds_its_fingerprinted_assets_after_a_switch()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var container = await azurite.CreateContainerAsync();
        using var site = new TestSite();
        await site.BuildAsync(fingerprint: true, ("/index.html", Html("A")), ("/css/site.css", Encoding.UTF8.GetBytes("body { color: teal; }\n")));
        await new ReleasePublisher(container).PublishAsync(site.ReleaseFolder, activate: true);
        await using var host = await FunctionsHost.StartAsync(await PublishedApp.FolderAsync(),
            ("ServeStatic__Source", "Blob"),
            ("ServeStatic__Blob__ConnectionString", azurite.ConnectionString),
            ("ServeStatic__Blob__Container", container.Name),
            ("ServeStatic__Blob__PollSeconds", "1"));
        // The page a CDN or a browser holds from release A, and the hashed stylesheet it names.
        var pageA = await TextAsync(host, "/");
        var stylesheetA = SitePages.References(pageA, "/").Single(SitePages.IsFingerprinted);

        await site.BuildAsync(fingerprint: true, ("/index.html", Html("B")), ("/css/site.css", Encoding.UTF8.GetBytes("body { color: navy; }\n")));
        await new ReleasePublisher(container).PublishAsync(site.ReleaseFolder, activate: true);
        await Eventually.TrueAsync(async () => (await TextAsync(host, "/")).Contains("<title>B</title>", StringComparison.Ordinal),
            "the host serves release B after it was activated");

        Assert.DoesNotContain(stylesheetA, await TextAsync(host, "/"), StringComparison.Ordinal);
        Assert.Equal("body { color: teal; }\n", await TextAsync(host, stylesheetA));
    }

    private static byte[] Html(string title) => Encoding.UTF8.GetBytes($"<!doctype html><title>{title}</title><link rel=stylesheet href=\"/css/site.css\">");

    private static async Task<string> TextAsync(FunctionsHost host, string path)
    {
        using var response = await host.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
