using ServeStatic.Build;
using ServeStatic.Index;

namespace ServeStatic.Cli.Tests;

public class BuildCommandTests
{
    private static ReleaseIndex CurrentIndex(string output)
    {
        var id = File.ReadAllText(Path.Join(output, "current")).Trim();
        return IndexSerializer.Deserialize(File.ReadAllBytes(Path.Join(output, "releases", id + ".json")), id);
    }

    [Fact]
    public async Task Build_writes_a_release_and_ends_with_a_summary()
    {
        using var folder = SmallSite.Create();
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output());
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var index = CurrentIndex(folder.Output());
        Assert.Equal(["/app.js.map", "/css/app.css", "/index.html"], index.Assets.Select(asset => asset.Path));
        Assert.Matches(@"built release [0-9a-f]{16} into .+: 3 files, [0-9.]+ kB in; 3 contents stored, 0 reused; [0-9.]+ s", run.Output);
        Assert.Contains("│ br ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_summary_counts_a_file_served_under_its_name_and_its_fingerprinted_name_once()
    {
        using var folder = SmallSite.Create();
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output(), "--fingerprint");
        var index = CurrentIndex(folder.Output());
        var twins = index.Assets.Count(asset => asset.Immutable);
        Assert.Equal(2, twins); // /css/app.css and /app.js.map, each under its name and its fingerprinted name
        var files = index.Assets.Count - twins;
        Assert.Contains($": {files} files at {index.Assets.Count} URLs, ", run.Output, StringComparison.Ordinal);
        Assert.Matches($@"│ identity │ +{files} │", run.Output);
    }

    [Fact]
    public async Task A_page_gets_preload_links_unless_no_preload_hints_is_given()
    {
        using var folder = SmallSite.Create();
        folder.Write("index.html", "<!doctype html><link rel=stylesheet href=css/app.css>");
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output("with"));
        var off = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output("without"), "--no-preload-hints");
        Assert.Equal(0, off.ExitCode);
        Assert.Equal([new PreloadLink("/css/app.css", PreloadKind.Style)], CurrentIndex(folder.Output("with")).Assets.Single(a => a.Path == "/index.html").Preload);
        Assert.All(CurrentIndex(folder.Output("without")).Assets, asset => Assert.Null(asset.Preload));
    }

    [Fact]
    public async Task Redirected_output_shows_progress_as_plain_lines_without_escape_codes()
    {
        using var folder = SmallSite.Create();
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output());
        Assert.Contains("hashing 3 items", run.Output, StringComparison.Ordinal);
        Assert.Contains("compressing 3/3", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Output);
    }

    [Fact]
    public async Task Exclude_release_id_and_media_type_options_reach_the_build()
    {
        using var folder = SmallSite.Create();
        folder.Write("route.gpx", "<gpx/>");
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output(),
            "--exclude", "*.map", "--exclude", "css/", "--release-id", "v1", "--media-type", ".gpx=application/gpx+xml");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("v1\n", File.ReadAllText(Path.Join(folder.Output(), "current")));
        var index = CurrentIndex(folder.Output());
        Assert.Equal(["/index.html", "/route.gpx"], index.Assets.Select(asset => asset.Path));
        Assert.Equal("application/gpx+xml; charset=utf-8", index.Assets[1].ContentType);
    }

    [Fact]
    public async Task An_entry_point_glob_without_a_slash_keeps_the_names_of_matching_files_at_every_depth()
    {
        using var folder = SmallSite.Create();
        folder.Write("sw.js", "self.addEventListener('fetch', () => {});");
        folder.Write("js/widget.js", "export const w = 1;");
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output(), "--fingerprint", "--entry-point", "*.js");
        Assert.Equal(0, run.ExitCode);
        var fingerprinted = CurrentIndex(folder.Output()).Assets.Where(asset => asset.Immutable).Select(asset => asset.Path).ToList();
        Assert.DoesNotContain(fingerprinted, path => path.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(fingerprinted, path => path.StartsWith("/css/app.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rebuild_of_an_unchanged_site_reports_everything_reused()
    {
        using var folder = SmallSite.Create();
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output());
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output());
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0 contents stored, 3 reused", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keep_prunes_older_releases_after_the_build_and_says_what_it_kept()
    {
        using var folder = SmallSite.Create();
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output(), "--release-id", "v1");
        folder.Write("index.html", "<p>v2</p>");
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output(), "--release-id", "v2");
        folder.Write("index.html", "<p>v3</p>");
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output(), "--release-id", "v3", "--keep", "2");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("pruned 1 older release(s) and ", run.Output, StringComparison.Ordinal);
        Assert.Contains("kept v2, v3", run.Output, StringComparison.Ordinal);
        Assert.Equal(["v2.json", "v3.json"], Directory.EnumerateFiles(Path.Join(folder.Output(), "releases")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_build_into_a_folder_another_build_holds_says_it_waits_and_then_builds()
    {
        using var folder = SmallSite.Create();
        var held = FolderReleaseStore.At(folder.Output()).LockForWriting(waiting: null, CancellationToken.None);
        var waiting = $"waiting for another build of {folder.Output()}…\n";

        var build = CliRun.Start("build", folder.Site, "--output", folder.Output(), "--keep", "1");
        await Eventually.TrueAsync(() => build.OutputSoFar.Contains(waiting, StringComparison.Ordinal) || build.Completion.IsCompleted, "the build says it waits, or ends", 120);

        Assert.False(build.Completion.IsCompleted, "the build finished while another held the folder");
        Assert.Contains(waiting, build.OutputSoFar, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Join(folder.Output(), "current")));
        held.Dispose();
        var run = await build.Completion.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("pruned 0 older release(s)", run.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Two real servestatic processes build different sites into one folder at once, each with --keep 1, round after round:
    /// both succeed, the last to activate is current, and every release left has every content file it names, intact.
    /// </summary>
    [Fact]
    public async Task Two_build_processes_with_keep_1_into_one_folder_both_succeed_and_leave_no_content_missing()
    {
        using var folder = SmallSite.Create();
        var sites = new[] { "a", "b" }.Select(name => Path.Join(folder.Root, "site-" + name)).ToArray();
        var random = new Random(5);
        for (var round = 0; round < 3; round++)
        {
            foreach (var site in sites)
                WriteSite(site, random, round);

            var runs = await Task.WhenAll(sites.Select(site => ChildProcess.RunAsync(folder.Root, "dotnet",
                Path.Join(AppContext.BaseDirectory, "ServeStatic.Cli.dll"), "build", site, "--output", folder.Output(), "--keep", "1")));

            Assert.All(runs, run => Assert.True(run.ExitCode == 0, $"`{run.CommandLine}` exited with {run.ExitCode}:\n{run.Output}\n{run.Error}"));
            var current = File.ReadAllText(Path.Join(folder.Output(), "current")).Trim();
            Assert.Contains(runs, run => run.Output.Contains($"built release {current} ", StringComparison.Ordinal));
            foreach (var index in Directory.EnumerateFiles(Path.Join(folder.Output(), "releases")))
            {
                var verify = await CliRun.RunAsync("inspect", folder.Output(), "--verify", "--release", Path.GetFileNameWithoutExtension(index));
                Assert.True(verify.ExitCode == 0, $"round {round}: {verify.Error}");
            }
        }
    }

    /// <summary>A site whose stylesheets are a random half of a shared pool (so each build reuses content older releases stored) and a page of its own.</summary>
    private static void WriteSite(string site, Random random, int round)
    {
        if (Directory.Exists(site))
            Directory.Delete(site, recursive: true);
        Directory.CreateDirectory(Path.Join(site, "css"));
        for (var i = 0; i < 8; i++)
        {
            if (random.Next(2) == 0)
                File.WriteAllText(Path.Join(site, "css", $"pool-{i}.css"), string.Concat(Enumerable.Repeat($".pool-{i} {{ margin: {i}px; color: #1d3b2a; }}\n", 4_000 + (100 * i))));
        }
        File.WriteAllText(Path.Join(site, "index.html"), $"<!doctype html><title>{site} {round}</title>" + string.Concat(Enumerable.Repeat("<p>Walks for every season.</p>\n", 1_000)));
    }

    [Fact]
    public async Task Keep_below_one_is_a_usage_error_before_anything_is_built()
    {
        using var folder = SmallSite.Create();
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output(), "--keep", "0");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--keep: keep at least 1 release", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Output()));
    }

    [Fact]
    public async Task A_named_pipe_in_the_site_is_left_out_with_one_warning_line_and_the_build_succeeds()
    {
        using var folder = SmallSite.Create();
        var fifo = Path.Join(folder.Site, "css", "live.css");
        SpecialFiles.MakeFifo(fifo);
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output()).WaitAsync(SpecialFiles.HangTimeout);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"warning: {fifo}: a named pipe (FIFO), not a regular file; left out\n", run.Error);
        Assert.DoesNotContain(CurrentIndex(folder.Output()).Assets, asset => asset.Path == "/css/live.css");
    }

    [Fact]
    public async Task A_missing_site_fails_with_one_line_naming_it_and_writes_nothing()
    {
        using var folder = SmallSite.Create();
        var missing = Path.Join(folder.Root, "no-such-site");
        var run = await CliRun.RunAsync("build", missing, "--output", folder.Output());
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {missing}: the site folder does not exist\n", run.Error);
        Assert.False(Directory.Exists(folder.Output()));
    }

    [Fact]
    public async Task An_empty_site_fails_with_one_clear_line()
    {
        using var folder = SmallSite.Create();
        var empty = Path.Join(folder.Root, "empty");
        Directory.CreateDirectory(empty);
        var run = await CliRun.RunAsync("build", empty, "--output", folder.Output());
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {empty}: the site folder has no files to serve\n", run.Error);
    }

    [Fact]
    public async Task An_output_folder_inside_the_site_fails_with_one_clear_line()
    {
        using var folder = SmallSite.Create();
        var inside = Path.Join(folder.Site, "release");
        var run = await CliRun.RunAsync("build", folder.Site, "--output", inside);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {inside}: the output folder is inside the site folder", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_file_over_1_GiB_with_fingerprint_fails_with_one_line_naming_it()
    {
        using var folder = SmallSite.Create();
        var big = Path.Join(folder.Site, "video.bin");
        using (var file = File.Create(big))
            file.SetLength(AssetContent.MaxSize + 1); // sparse: nothing is written
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output(), "--fingerprint");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {big}: the file is 1,073,741,825 bytes; the largest a release holds is 1,073,741,824 (1 GiB)\n", run.Error);
    }

    [Fact]
    public async Task A_malformed_media_type_option_fails_with_one_clear_line()
    {
        using var folder = SmallSite.Create();
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output(), "--media-type", "gpx");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: --media-type \"gpx\": a mapping is .ext=type/subtype\n", run.Error);
    }

    [Fact]
    public async Task Build_without_an_output_is_a_usage_error()
    {
        using var folder = SmallSite.Create();
        var run = await CliRun.RunAsync("build", folder.Site);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--output", run.Error, StringComparison.Ordinal);
    }
}
