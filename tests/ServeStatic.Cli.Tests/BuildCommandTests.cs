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
        using var folder = new TempFolder();
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var index = CurrentIndex(folder.Output);
        Assert.Equal(["/app.js.map", "/css/app.css", "/index.html"], index.Assets.Select(asset => asset.Path));
        Assert.Matches(@"built release [0-9a-f]{16} into .+: 3 files, [0-9.]+ kB in; 3 contents stored, 0 reused; [0-9.]+ s", run.Output);
        Assert.Contains("│ br ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirected_output_shows_progress_as_plain_lines_without_escape_codes()
    {
        using var folder = new TempFolder();
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output);
        Assert.Contains("hashing 3 items", run.Output, StringComparison.Ordinal);
        Assert.Contains("compressing 3/3", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Output);
    }

    [Fact]
    public async Task Exclude_release_id_and_media_type_options_reach_the_build()
    {
        using var folder = new TempFolder();
        folder.Write("route.gpx", "<gpx/>");
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output,
            "--exclude", "*.map", "--exclude", "css/", "--release-id", "v1", "--media-type", ".gpx=application/gpx+xml");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("v1\n", File.ReadAllText(Path.Join(folder.Output, "current")));
        var index = CurrentIndex(folder.Output);
        Assert.Equal(["/index.html", "/route.gpx"], index.Assets.Select(asset => asset.Path));
        Assert.Equal("application/gpx+xml; charset=utf-8", index.Assets[1].ContentType);
    }

    [Fact]
    public async Task A_rebuild_of_an_unchanged_site_reports_everything_reused()
    {
        using var folder = new TempFolder();
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output);
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0 contents stored, 3 reused", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keep_prunes_older_releases_after_the_build_and_says_what_it_kept()
    {
        using var folder = new TempFolder();
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output, "--release-id", "v1");
        folder.Write("index.html", "<p>v2</p>");
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output, "--release-id", "v2");
        folder.Write("index.html", "<p>v3</p>");
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output, "--release-id", "v3", "--keep", "2");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("pruned 1 older release(s) and ", run.Output, StringComparison.Ordinal);
        Assert.Contains("kept v2, v3", run.Output, StringComparison.Ordinal);
        Assert.Equal(["v2.json", "v3.json"], Directory.EnumerateFiles(Path.Join(folder.Output, "releases")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Keep_below_one_is_a_usage_error_before_anything_is_built()
    {
        using var folder = new TempFolder();
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output, "--keep", "0");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--keep: keep at least 1 release", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Output));
    }

    [Fact]
    public async Task A_named_pipe_in_the_site_is_left_out_with_one_warning_line_and_the_build_succeeds()
    {
        using var folder = new TempFolder();
        var fifo = Path.Join(folder.Site, "css", "live.css");
        SpecialFiles.MakeFifo(fifo);
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output).WaitAsync(SpecialFiles.HangTimeout);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"warning: {fifo}: a named pipe (FIFO), not a regular file; left out\n", run.Error);
        Assert.DoesNotContain(CurrentIndex(folder.Output).Assets, asset => asset.Path == "/css/live.css");
    }

    [Fact]
    public async Task A_missing_site_fails_with_one_line_naming_it_and_writes_nothing()
    {
        using var folder = new TempFolder();
        var missing = Path.Join(folder.Root, "no-such-site");
        var run = await CliRun.RunAsync("build", missing, "--output", folder.Output);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {missing}: the site folder does not exist\n", run.Error);
        Assert.False(Directory.Exists(folder.Output));
    }

    [Fact]
    public async Task An_empty_site_fails_with_one_clear_line()
    {
        using var folder = new TempFolder();
        var empty = Path.Join(folder.Root, "empty");
        Directory.CreateDirectory(empty);
        var run = await CliRun.RunAsync("build", empty, "--output", folder.Output);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {empty}: the site folder has no files to serve\n", run.Error);
    }

    [Fact]
    public async Task An_output_folder_inside_the_site_fails_with_one_clear_line()
    {
        using var folder = new TempFolder();
        var inside = Path.Join(folder.Site, "release");
        var run = await CliRun.RunAsync("build", folder.Site, "--output", inside);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {inside}: the output folder is inside the site folder", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_malformed_media_type_option_fails_with_one_clear_line()
    {
        using var folder = new TempFolder();
        var run = await CliRun.RunAsync("build", folder.Site, "--output", folder.Output, "--media-type", "gpx");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: --media-type \"gpx\": a mapping is .ext=type/subtype\n", run.Error);
    }

    [Fact]
    public async Task Build_without_an_output_is_a_usage_error()
    {
        using var folder = new TempFolder();
        var run = await CliRun.RunAsync("build", folder.Site);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--output", run.Error, StringComparison.Ordinal);
    }
}
