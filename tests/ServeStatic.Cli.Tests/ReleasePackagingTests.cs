using ServeStatic.Index;

namespace ServeStatic.Cli.Tests;

/// <summary>
/// ServeStatic.Functions.targets, run by real <c>dotnet build</c> and <c>dotnet publish</c> on a plain app
/// (<see cref="PackagingApp"/>): the release that ships in the package as <c>release/</c>.
/// </summary>
[Collection(ChildBuildCollection.Name)]
public sealed class ReleasePackagingTests(ReleasePackagingTests.BuiltThenPublished app) : IClassFixture<ReleasePackagingTests.BuiltThenPublished>
{
    private static readonly string[] SitePaths = ["/css/app.css", "/index.html"];

    [Fact]
    public void Build_puts_the_sites_release_in_the_output_folder_as_release()
    {
        var (_, index) = AssertHoldsOnlyTheCurrentRelease(app.App.OutputRelease);
        Assert.Equal(SitePaths, index.Assets.Select(asset => asset.Path));
    }

    [Fact]
    public void Publish_puts_the_sites_release_in_the_publish_folder_as_release()
    {
        var (_, index) = AssertHoldsOnlyTheCurrentRelease(app.App.PublishRelease);
        Assert.Equal(SitePaths, index.Assets.Select(asset => asset.Path));
    }

    [Fact]
    public void Publishing_after_a_build_with_the_site_unchanged_does_not_run_the_release_build_again()
    {
        Assert.True(app.Build.Output.Contains("built release ", StringComparison.Ordinal), "the first build did not print the CLI's \"built release\" line:\n" + app.Build.Output);
        Assert.False(app.Publish.Output.Contains("built release ", StringComparison.Ordinal), "the publish ran the release build again:\n" + app.Publish.Output);
        Assert.True(File.Exists(app.App.Stamp), "no release stamp at " + app.App.Stamp);
        Assert.Equal(app.StampAfterBuild, app.StampAfterPublish);
    }

    [Fact]
    public async Task A_changed_site_file_leaves_only_the_new_release_in_the_output_and_publish_folders()
    {
        using var changed = new PackagingApp();
        (await changed.PublishAsync()).EnsureSucceeded();
        var (firstId, _) = AssertHoldsOnlyTheCurrentRelease(changed.PublishRelease);

        changed.WriteSiteFile("css/app.css", "body { margin: 0; color: #1d3b2a; }");
        (await changed.PublishAsync()).EnsureSucceeded();

        foreach (var release in new[] { changed.OutputRelease, changed.PublishRelease })
        {
            var (id, index) = AssertHoldsOnlyTheCurrentRelease(release);
            Assert.NotEqual(firstId, id);
            Assert.Equal(SitePaths, index.Assets.Select(asset => asset.Path));
        }
    }

    [Fact]
    public async Task A_missing_site_folder_fails_the_build_with_a_message_naming_it()
    {
        using var missing = new PackagingApp();
        Directory.Delete(missing.Site, recursive: true);

        var run = await missing.BuildAsync();

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"error : ServeStaticSiteFolder '{missing.Site}' does not exist", run.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Asserts that a packaged release folder holds the release <c>current</c> names, its index and every content file
    /// the index refers to, and nothing else (no file of an earlier release); returns that release.
    /// </summary>
    private static (string Id, ReleaseIndex Index) AssertHoldsOnlyTheCurrentRelease(string release)
    {
        var id = ReleaseLayout.ParseCurrent(File.ReadAllText(Path.Join(release, ReleaseLayout.Current)), release);
        var index = IndexSerializer.Deserialize(File.ReadAllBytes(Path.Join(release, ReleaseLayout.IndexPath(id))), id);
        var expected = new[] { ReleaseLayout.Current, ReleaseLayout.IndexPath(id) }
            .Concat(index.ContentKeys().Distinct().Select(ReleaseLayout.ContentPath))
            .Order(StringComparer.Ordinal);
        var actual = Directory.EnumerateFiles(release, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(release, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var stale = actual.Except(expected).ToList();
        Assert.True(stale.Count == 0, $"{release} holds files that are not part of release {id}: {string.Join(", ", stale)}");
        Assert.Equal(expected, actual);
        return (id, index);
    }

    /// <summary>One app built, then published with its site unchanged; the stamp's time after each.</summary>
    public sealed class BuiltThenPublished : IAsyncLifetime
    {
        internal PackagingApp App { get; } = new();

        internal ChildProcess Build { get; private set; } = null!;

        internal ChildProcess Publish { get; private set; } = null!;

        internal DateTime StampAfterBuild { get; private set; }

        internal DateTime StampAfterPublish { get; private set; }

        public async Task InitializeAsync()
        {
            Build = (await App.BuildAsync()).EnsureSucceeded();
            StampAfterBuild = File.GetLastWriteTimeUtc(App.Stamp);
            Publish = (await App.PublishAsync()).EnsureSucceeded();
            StampAfterPublish = File.GetLastWriteTimeUtc(App.Stamp);
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }
}
