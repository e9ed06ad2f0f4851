using ServeStatic.Index;

namespace ServeStatic.Cli.Tests;

public class InspectCommandTests
{
    [Fact]
    public async Task Inspect_lists_every_asset_with_its_variants_and_the_totals()
    {
        using var folder = SmallSite.Create();
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output());
        var run = await CliRun.RunAsync("inspect", folder.Output());
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Matches(@"│ /index\.html +│ +6\.[0-9] kB │ +[0-9]+ B │", run.Output);
        Assert.Matches(@"│ /app\.js\.map +│ +2 B │ +– │", run.Output);
        Assert.Contains("│ 3 files ", run.Output, StringComparison.Ordinal);
        Assert.Contains("media types: application/json (1), text/css; charset=utf-8 (1), text/html; charset=utf-8 (1)", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"release [0-9a-f]{16} in .+: 3 paths, 3 files; variants: 2 br \(-9[0-9]\.[0-9] %\), 2 gzip", run.Output);
    }

    [Fact]
    public async Task Inspect_of_a_fingerprinted_release_fits_an_80_column_terminal()
    {
        using var folder = SmallSite.Create();
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output(), "--fingerprint");
        var run = await CliRun.RunAsync("inspect", folder.Output());
        var table = run.Output.Split('\n').Where(line => line.StartsWith('│') || line.StartsWith('╭')).ToList();
        Assert.Contains(table, line => line.Contains("/css/app.", StringComparison.Ordinal) && line.Contains("yes", StringComparison.Ordinal));
        Assert.All(table, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
    }

    [Fact]
    public async Task Inspect_of_a_folder_without_a_release_fails_with_one_clear_line()
    {
        using var folder = SmallSite.Create();
        var run = await CliRun.RunAsync("inspect", folder.Site);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {folder.Site}: there is no 'current' file, so this is not a release folder (build one with 'servestatic build')\n", run.Error);
    }

    /// <summary>The current release of <paramref name="output"/>: its id and the content file of each variant of <paramref name="path"/>.</summary>
    private static (string Id, Dictionary<string, string> Files) Variants(string output, string path)
    {
        var id = File.ReadAllText(Path.Join(output, "current")).Trim();
        var index = IndexSerializer.Deserialize(File.ReadAllBytes(Path.Join(output, "releases", id + ".json")), id);
        return (id, index.Assets.Single(asset => asset.Path == path).Variants.ToDictionary(v => v.Encoding.Token(), v => Path.Join(output, "content", v.Key)));
    }

    [Fact]
    public async Task Inspect_reports_each_missing_content_file_on_its_own_line_and_fails()
    {
        using var folder = SmallSite.Create();
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output());
        var (id, page) = Variants(folder.Output(), "/index.html");
        var (_, css) = Variants(folder.Output(), "/css/app.css");
        File.Delete(page["identity"]);
        File.Delete(css["br"]);

        var run = await CliRun.RunAsync("inspect", folder.Output());

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"error: {css["br"]}: is missing (release {id}, asset /css/app.css, br variant)\n" +
            $"error: {page["identity"]}: is missing (release {id}, asset /index.html, identity variant)\n" +
            $"error: {folder.Output()}: 2 of the 9 content files of release {id} are not what its index records\n",
            run.Error);
    }

    [Fact]
    public async Task Inspect_without_verify_checks_sizes_only_and_says_so()
    {
        using var folder = SmallSite.Create();
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output());
        var (_, page) = Variants(folder.Output(), "/index.html");
        File.WriteAllBytes(page["gzip"], [.. File.ReadAllBytes(page["gzip"]).Select(b => (byte)~b)]);

        var run = await CliRun.RunAsync("inspect", folder.Output());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("content: 9 files, all present with the recorded sizes (not hashed: --verify hashes them)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_verify_finds_content_overwritten_with_other_bytes_of_the_same_length()
    {
        using var folder = SmallSite.Create();
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output());
        var (id, page) = Variants(folder.Output(), "/index.html");
        File.WriteAllBytes(page["gzip"], [.. File.ReadAllBytes(page["gzip"]).Select(b => (byte)~b)]);

        var run = await CliRun.RunAsync("inspect", folder.Output(), "--verify");

        Assert.Equal(1, run.ExitCode);
        var lines = run.Error.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"error: {page["gzip"]}: holds other bytes than the index records (its SHA-256 is ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith($"(release {id}, asset /index.html, gzip variant)", lines[0], StringComparison.Ordinal);
        Assert.Equal($"error: {folder.Output()}: 1 of the 9 content files of release {id} are not what its index records", lines[1]);
    }

    [Fact]
    public async Task Inspect_verify_of_a_whole_release_hashes_every_file_and_succeeds()
    {
        using var folder = SmallSite.Create();
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output());

        var run = await CliRun.RunAsync("inspect", folder.Output(), "--verify");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("content: 9 files, all hashed and as the index records", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_verify_checks_the_release_it_is_given()
    {
        using var folder = SmallSite.Create();
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output(), "--release-id", "v1");
        var (_, page) = Variants(folder.Output(), "/index.html");
        folder.Write("index.html", "<p>v2</p>");
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output(), "--release-id", "v2");
        File.WriteAllBytes(page["br"], [.. File.ReadAllBytes(page["br"]).Select(b => (byte)~b)]);

        var current = await CliRun.RunAsync("inspect", folder.Output(), "--verify");
        var first = await CliRun.RunAsync("inspect", folder.Output(), "--verify", "--release", "v1");

        Assert.Equal(0, current.ExitCode);
        Assert.Equal(1, first.ExitCode);
        Assert.Contains("(release v1, asset /index.html, br variant)", first.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_verify_hashes_the_dcz_deltas_of_a_release_too()
    {
        using var folder = SmallSite.Create();
        folder.Write("js/app.js", VersionedScript.Text(400));
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output(), "--release-id", "v1");
        folder.Write("js/app.js", VersionedScript.Text(400, 1));
        await CliRun.RunAsync("build", folder.Site, "--output", folder.Output(), "--release-id", "v2");
        var (_, script) = Variants(folder.Output(), "/js/app.js");
        Assert.True(script.ContainsKey("dcz"), "the second build made no delta of /js/app.js against the first");

        var whole = await CliRun.RunAsync("inspect", folder.Output(), "--verify");
        File.WriteAllBytes(script["dcz"], [.. File.ReadAllBytes(script["dcz"]).Select(b => (byte)~b)]);
        var corrupted = await CliRun.RunAsync("inspect", folder.Output(), "--verify");

        Assert.Equal(0, whole.ExitCode);
        Assert.Equal("", whole.Error);
        Assert.Equal(1, corrupted.ExitCode);
        Assert.StartsWith($"error: {script["dcz"]}: holds other bytes than the index records", corrupted.Error, StringComparison.Ordinal);
        Assert.Contains("(release v2, asset /js/app.js, dcz variant)", corrupted.Error, StringComparison.Ordinal);
    }
}
