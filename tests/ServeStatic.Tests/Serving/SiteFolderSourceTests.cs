using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServeStatic.Build;
using ServeStatic.Sources;

namespace ServeStatic.Tests.Serving;

/// <summary>Development mode: a plain site folder built into a scratch folder and rebuilt when it changes.</summary>
public class SiteFolderSourceTests
{
    /// <summary>How long a rebuild after a change may take on a busy machine before a test gives up on it.</summary>
    private static readonly TimeSpan RebuildTimeout = TimeSpan.FromSeconds(60);

    private static Task<ServerUnderTest> StartAsync(string site, int startupWaitSeconds = 10) => ServerUnderTest.StartAsync(services =>
    {
        services.AddSingleton<IReleaseSource>(provider => new SiteFolderSource(new BuildOptions(site), provider.GetRequiredService<ILogger<SiteFolderSource>>()));
        services.AddServeStatic(options => options.StartupWaitSeconds = startupWaitSeconds);
    });

    /// <summary>Asks for <paramref name="path"/> until it answers 200 with <paramref name="body"/>; fails after <see cref="RebuildTimeout"/>.</summary>
    private static Task AssertServedEventuallyAsync(ServerUnderTest server, string path, string body) =>
        Eventually.ValueAsync(async () =>
        {
            using var response = await server.GetAsync(path);
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }, answer => answer == "200 " + body, $"{path} answers 200 \"{body}\"", RebuildTimeout.TotalSeconds);

    private static int Logged(ServerUnderTest server, string text) =>
        server.Logs.Entries.Count(entry => entry.Message.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task A_site_folder_is_built_and_served_compressed()
    {
        using var site = new TempFolder();
        var css = string.Concat(Enumerable.Repeat("body { color: red; }\n", 100));
        await File.WriteAllTextAsync(Path.Combine(site.Path, "app.css"), css);
        await using var server = await StartAsync(site.Path);
        using var response = await server.GetAsync("/app.css", ("Accept-Encoding", "br"));
        Assert.Equal("br", Decode.ContentEncoding(response));
        Assert.Equal(css, System.Text.Encoding.UTF8.GetString(Decode.Body("br", await response.Content.ReadAsByteArrayAsync())));
    }

    [Fact]
    public async Task A_file_added_to_the_site_folder_is_served_after_the_rebuild()
    {
        using var site = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(site.Path, "index.html"), "<h1>home</h1>");
        await using var server = await StartAsync(site.Path);
        await File.WriteAllTextAsync(Path.Combine(site.Path, "new.html"), "<h1>new</h1>");
        await AssertServedEventuallyAsync(server, "/new.html", "<h1>new</h1>");
    }

    [Fact]
    public async Task An_edited_rules_file_is_answered_with_its_new_rule_after_the_rebuild_and_is_itself_never_served()
    {
        using var site = new TempFolder();
        var rules = Path.Combine(site.Path, "servestatic.json");
        await File.WriteAllTextAsync(Path.Combine(site.Path, "a.html"), "<p>a</p>");
        await File.WriteAllTextAsync(Path.Combine(site.Path, "b.html"), "<p>b</p>");
        await File.WriteAllTextAsync(rules, """{ "redirects": [ { "from": "/old", "to": "/a.html", "status": 302 } ] }""");
        await using var server = await StartAsync(site.Path);
        Assert.Equal("302 /a.html", await RedirectOfOldAsync(server));

        await File.WriteAllTextAsync(rules, """{ "redirects": [ { "from": "/old", "to": "/b.html", "status": 302 } ] }""");

        await Eventually.ValueAsync(() => RedirectOfOldAsync(server), answer => answer == "302 /b.html", "/old redirects to the edited rule's /b.html", RebuildTimeout.TotalSeconds);
        using var file = await server.GetAsync("/servestatic.json");
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
    }

    /// <summary>The status and <c>Location</c> of <c>/old</c>, as <c>302 /a.html</c>.</summary>
    private static async Task<string> RedirectOfOldAsync(ServerUnderTest server)
    {
        using var response = await server.GetAsync("/old");
        return $"{(int)response.StatusCode} {response.Headers.Location?.OriginalString}";
    }

    [Fact]
    public async Task A_symbolic_link_leading_outside_the_site_folder_is_never_served()
    {
        using var site = new TempFolder();
        using var outside = new TempFolder();
        var secret = Path.Combine(outside.Path, "secret.txt");
        await File.WriteAllTextAsync(secret, "the secret");
        File.CreateSymbolicLink(Path.Combine(site.Path, "secret.txt"), secret);
        await using var server = await StartAsync(site.Path, startupWaitSeconds: 1);
        using var response = await server.GetAsync("/secret.txt");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("the secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await server.Logs.WaitForAsync(e => e.Exception is BuildException && e.Exception.Message.Contains("outside the site folder", StringComparison.Ordinal), "the link outside the site folder is refused");
    }

    [Fact]
    public async Task Named_pipes_in_the_site_folder_are_left_out_with_one_warning_each_and_the_site_keeps_serving_and_rebuilding()
    {
        using var site = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(site.Path, "page.html"), "<h1>home</h1>");
        var fifo = Path.Combine(site.Path, "pipe.txt");
        SpecialFiles.MakeFifo(fifo);
        File.CreateSymbolicLink(Path.Combine(site.Path, "feed.json"), "pipe.txt");
        await using var server = await StartAsync(site.Path).WaitAsync(SpecialFiles.HangTimeout);
        await AssertServedEventuallyAsync(server, "/page.html", "<h1>home</h1>");
        using (var pipe = await server.GetAsync("/pipe.txt"))
            Assert.Equal(HttpStatusCode.NotFound, pipe.StatusCode);

        await File.WriteAllTextAsync(Path.Combine(site.Path, "new.html"), "<h1>new</h1>");
        await AssertServedEventuallyAsync(server, "/new.html", "<h1>new</h1>");
        Assert.Equal(1, Logged(server, $"{fifo}: a named pipe (FIFO), not a regular file; left out"));
        Assert.Equal(1, Logged(server, $"a symbolic link to {fifo}, a named pipe (FIFO)"));
    }

    [Fact]
    public async Task A_site_folder_deleted_and_recreated_is_watched_again_and_the_last_good_build_serves_meanwhile()
    {
        using var parent = new TempFolder();
        var site = Path.Combine(parent.Path, "site");
        Directory.CreateDirectory(site);
        await File.WriteAllTextAsync(Path.Combine(site, "page.html"), "<h1>one</h1>");
        await using var server = await StartAsync(site);
        await AssertServedEventuallyAsync(server, "/page.html", "<h1>one</h1>");

        Directory.Delete(site, recursive: true);
        await server.Logs.WaitForAsync(entry => entry.Message.Contains($"Site folder {site} is gone", StringComparison.Ordinal), "the site folder is logged as gone");
        await AssertServedEventuallyAsync(server, "/page.html", "<h1>one</h1>");

        Directory.CreateDirectory(site);
        await File.WriteAllTextAsync(Path.Combine(site, "page.html"), "<h1>two</h1>");
        await AssertServedEventuallyAsync(server, "/page.html", "<h1>two</h1>");
        // Watched again: a later edit is seen too.
        await File.WriteAllTextAsync(Path.Combine(site, "page.html"), "<h1>three</h1>");
        await AssertServedEventuallyAsync(server, "/page.html", "<h1>three</h1>");
        Assert.Equal(1, Logged(server, $"Site folder {site} is gone"));
    }

    [Fact]
    public async Task A_site_folder_moved_away_and_replaced_by_a_new_one_is_watched_at_its_path()
    {
        using var parent = new TempFolder();
        var site = Path.Combine(parent.Path, "site");
        Directory.CreateDirectory(site);
        await File.WriteAllTextAsync(Path.Combine(site, "page.html"), "<h1>old</h1>");
        await using var server = await StartAsync(site);
        await AssertServedEventuallyAsync(server, "/page.html", "<h1>old</h1>");

        // As a bundler that writes the new output next to the old and swaps them: the path never goes missing.
        var next = Path.Combine(parent.Path, "site.next");
        Directory.CreateDirectory(next);
        await File.WriteAllTextAsync(Path.Combine(next, "page.html"), "<h1>new</h1>");
        Directory.Move(site, Path.Combine(parent.Path, "site.old"));
        Directory.Move(next, site);
        await AssertServedEventuallyAsync(server, "/page.html", "<h1>new</h1>");

        await File.WriteAllTextAsync(Path.Combine(site, "page.html"), "<h1>edited</h1>");
        await AssertServedEventuallyAsync(server, "/page.html", "<h1>edited</h1>");
    }

    [Fact]
    public async Task A_file_over_the_compression_limit_is_served_as_it_is_from_the_scratch_folder()
    {
        using var site = new TempFolder();
        var big = TempSite.CompressibleText((int)SiteFolderSource.CompressUpToBytes + 1);
        await File.WriteAllTextAsync(Path.Combine(site.Path, "big.css"), big);
        await using var server = await StartAsync(site.Path);
        using var response = await server.GetAsync("/big.css", ("Accept-Encoding", "br, gzip, zstd"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Decode.ContentEncoding(response));
        Assert.Equal(big, await response.Content.ReadAsStringAsync());
        var source = (SiteFolderSource)server.Services.GetRequiredService<IReleaseSource>();
        var stored = Directory.GetFiles(source.ScratchFolder);
        Assert.Contains(stored, file => new FileInfo(file).Length == big.Length);
        Assert.DoesNotContain(stored, file => Path.GetFileName(file).Contains('.', StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_scratch_folder_keeps_the_content_of_the_newest_two_builds_and_is_deleted_on_dispose()
    {
        using var site = new TempFolder();
        var page = Path.Combine(site.Path, "index.html");
        var source = new SiteFolderSource(new BuildOptions(site.Path));
        var releases = new List<LoadedRelease>();
        foreach (var text in new[] { "<h1>one</h1>", "<h1>two</h1>", "<h1>three</h1>" })
        {
            await File.WriteAllTextAsync(page, text);
            releases.Add((await source.LoadCurrentAsync(null, CancellationToken.None))!);
        }
        var named = releases[^2..].SelectMany(release => release.Index.Assets).SelectMany(asset => asset.Variants).Select(variant => variant.Key);
        Assert.Equal(named.Distinct().Order(StringComparer.Ordinal), Directory.EnumerateFiles(source.ScratchFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        source.Dispose();
        Assert.False(Directory.Exists(source.ScratchFolder));
    }
}
