using System.Net;
using ServeStatic.Build;
using ServeStatic.Fingerprinting;
using ServeStatic.Serving;

namespace ServeStatic.Tests.Serving;

/// <summary>
/// Deploys never break a cached page: after a switch, a release folder keeps answering the fingerprinted names of the newest
/// other releases it holds, so HTML cached at a CDN or in a browser before the switch still finds its CSS, JS and images.
/// </summary>
public class SkewProtectionTests
{
    private static Task WaitForReleaseAsync(ServerUnderTest server, string id)
    {
        var holder = (ReleaseHolder)server.Services.GetService(typeof(ReleaseHolder))!;
        return Eventually.TrueAsync(() => holder.Current?.ReleaseId == id, $"release {id} is swapped in");
    }

    private static TestRelease Release(string page, string css) => new TestRelease()
        .Add("/index.html", $"<link rel=stylesheet href=\"{css}\">{page}", "text/html; charset=utf-8")
        .Add(css, $"/* {page} */ body{{}}", "text/css; charset=utf-8", immutable: true);

    [Fact]
    public async Task A_page_of_the_previous_release_still_finds_its_fingerprinted_assets_after_a_switch()
    {
        using var folder = new TempFolder();
        Release("one", "/app.1111111111.css").WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o => o.Folder.PollSeconds = 1);
        var two = Release("two", "/app.2222222222.css").WriteTo(folder.Path);
        await WaitForReleaseAsync(server, two);

        using var old = await server.GetAsync("/app.1111111111.css");
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal("/* one */ body{}", await old.Content.ReadAsStringAsync());
        Assert.Contains(old.Headers.CacheControl!.Extensions, e => e.Name == "immutable");
        using var page = await server.GetAsync("/");
        Assert.EndsWith("two", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unfingerprinted_paths_come_from_the_current_release_only()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/old.txt", "old").Add("/a.txt", "a").WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o => o.Folder.PollSeconds = 1);
        var two = new TestRelease().Add("/a.txt", "a2").WriteTo(folder.Path);
        await WaitForReleaseAsync(server, two);

        using var old = await server.GetAsync("/old.txt");
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    [Fact]
    public async Task The_current_release_wins_where_a_previous_one_has_the_same_fingerprinted_path()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/x.1234567890.js", "old", immutable: true).WriteTo(folder.Path);
        File.SetLastWriteTimeUtc(Directory.GetFiles(Path.Combine(folder.Path, "releases"))[0], DateTime.UtcNow.AddHours(1));
        new TestRelease().Add("/x.1234567890.js", "new", immutable: true).Add("/b.txt", "b").WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path);

        using var response = await server.GetAsync("/x.1234567890.js");
        Assert.Equal("new", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_the_newest_other_releases_up_to_PreviousReleases_are_kept()
    {
        using var folder = new TempFolder();
        var now = DateTime.UtcNow;
        foreach (var (name, age) in new[] { ("aaaaaaaaaa", 3), ("bbbbbbbbbb", 2), ("cccccccccc", 1) })
        {
            var id = new TestRelease().Add($"/{name[0]}.{name}.css", name, "text/css; charset=utf-8", immutable: true).WriteTo(folder.Path);
            File.SetLastWriteTimeUtc(Path.Combine(folder.Path, "releases", id + ".json"), now.AddMinutes(-age));
        }
        new TestRelease().Add("/d.txt", "current").WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o => o.Folder.PreviousReleases = 2);

        using var newest = await server.GetAsync("/c.cccccccccc.css");
        using var second = await server.GetAsync("/b.bbbbbbbbbb.css");
        using var oldest = await server.GetAsync("/a.aaaaaaaaaa.css");
        Assert.Equal(HttpStatusCode.OK, newest.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, oldest.StatusCode);
        Assert.Contains(server.Logs.Entries, e => e.Message.Contains("keeps 2 fingerprinted assets of 2 previous release(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PreviousReleases_zero_keeps_none()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/a.1111111111.css", "a", "text/css; charset=utf-8", immutable: true).WriteTo(folder.Path);
        new TestRelease().Add("/b.txt", "b").WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o => o.Folder.PreviousReleases = 0);

        using var response = await server.GetAsync("/a.1111111111.css");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_previous_release_keeps_its_fingerprinted_assets_though_content_only_its_other_pages_name_is_gone()
    {
        using var folder = new TempFolder();
        var old = new TestRelease().Add("/a.1111111111.css", "a", "text/css; charset=utf-8", immutable: true).Add("/old.txt", "only in the old release").WriteTo(folder.Path);
        new TestRelease().Add("/b.txt", "b").WriteTo(folder.Path);
        // Only the old release's unfingerprinted page names this file: the previous release is kept for its fingerprinted assets alone.
        var oldPage = Assert.Single(System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, "releases", old + ".json")))
            .RootElement.GetProperty("assets").EnumerateArray(), a => a.GetProperty("path").GetString() == "/old.txt");
        foreach (var variant in oldPage.GetProperty("variants").EnumerateArray())
            File.Delete(Path.Combine(folder.Path, "content", variant.GetProperty("key").GetString()!));
        await using var server = await ServerUnderTest.StartAsync(folder.Path);

        using var kept = await server.GetAsync("/a.1111111111.css");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.StartsWith($"Could not read previous release {old}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_previous_release_whose_index_cannot_be_read_is_skipped_with_a_warning_and_the_current_one_serves()
    {
        using var folder = new TempFolder();
        var old = new TestRelease().Add("/a.1111111111.css", "a", "text/css; charset=utf-8", immutable: true).WriteTo(folder.Path);
        File.WriteAllText(Path.Combine(folder.Path, "releases", old + ".json"), "{ not json");
        new TestRelease().Add("/b.txt", "b").WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path);

        using var response = await server.GetAsync("/b.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(server.Logs.Entries, e => e.Message.StartsWith($"Could not read previous release {old} in folder ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_reference_of_the_sample_sites_old_pages_answers_200_after_a_rebuild_with_changed_css()
    {
        using var site = TempSite.FromSample();
        var output = site.Output();
        var options = new BuildOptions(site.Site)
        {
            Fingerprint = new FingerprintOptions { SubresourceIntegrity = true },
            Compression = PrecompressionLevel.Fast,
        };
        await ReleaseBuilder.BuildToFolderAsync(options, output);
        await using var server = await ServerUnderTest.StartAsync(output, o => o.Folder.PollSeconds = 1);

        // A client holds every page of release 1 and what it references (the CDN's or the browser's cache).
        var oldReferences = new List<string>();
        foreach (var page in new[] { "/", "/about.html", "/docs/", "/blog/" })
        {
            using var response = await server.GetAsync(page);
            var fetched = new FingerprintedSampleSite.Fetched(page == "/" ? "/index.html" : page, response.StatusCode, null,
                response.Content.Headers.ContentType?.MediaType, null, await response.Content.ReadAsByteArrayAsync());
            oldReferences.AddRange(FingerprintedSampleSite.ReferencesIn(fetched).Select(f => f.Path));
        }
        Assert.Contains(oldReferences, p => p.StartsWith("/css/app.", StringComparison.Ordinal));

        File.AppendAllText(Path.Join(site.Site, "css", "app.css"), "\n.changed { color: red; }\n");
        var two = await ReleaseBuilder.BuildToFolderAsync(options, output);
        await WaitForReleaseAsync(server, two.ReleaseId);

        foreach (var path in oldReferences.Distinct())
        {
            using var response = await server.GetAsync(string.Join('/', path.Split('/').Select(Uri.EscapeDataString)));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode} after the switch");
        }
    }
}
