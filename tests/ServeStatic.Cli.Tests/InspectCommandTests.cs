namespace ServeStatic.Cli.Tests;

public class InspectCommandTests
{
    [Fact]
    public async Task Inspect_lists_every_asset_with_its_variants_and_the_totals()
    {
        using var folder = new TempFolder();
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output);
        var run = await CliRun.RunAsync("inspect", folder.Output);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Matches(@"│ /index\.html +│ text/html; charset=utf-8 +│ +6\.[0-9] kB │ +[0-9]+ B \(-9[0-9]\.[0-9] %\) │", run.Output);
        Assert.Matches(@"│ /app\.js\.map +│ application/json +│ +2 B │ +– │", run.Output);
        Assert.Contains("│ 3 assets ", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"release [0-9a-f]{16} in .+: 3 assets; variants: 2 br, 2 gzip, 2 zstd", run.Output);
    }

    [Fact]
    public async Task Inspect_of_a_folder_without_a_release_fails_with_one_clear_line()
    {
        using var folder = new TempFolder();
        var run = await CliRun.RunAsync("inspect", folder.Site);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {folder.Site}: there is no 'current' file, so this is not a release folder (build one with 'servestatic build')\n", run.Error);
    }

    [Fact]
    public async Task Inspect_reports_content_that_is_missing()
    {
        using var folder = new TempFolder();
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output);
        var victim = Directory.GetFiles(Path.Join(folder.Output, "content")).Order(StringComparer.Ordinal).First();
        File.Delete(victim);
        var run = await CliRun.RunAsync("inspect", folder.Output);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("1 content files are missing or have the wrong size, first content/" + Path.GetFileName(victim), run.Error, StringComparison.Ordinal);
    }
}
