using ServeStatic.Index;

namespace ServeStatic.Cli.Tests;

/// <summary>
/// ServeStatic.Functions.targets, run by real <c>dotnet build</c> and <c>dotnet publish</c> on a plain app
/// (<see cref="PackagingApp"/>): the release that ships in the package as <c>release/</c>.
/// </summary>
[Collection(ChildBuildCollection.Name)]
public sealed class ReleasePackagingTests(ReleasePackagingTests.BuiltThenPublished app) : IClassFixture<ReleasePackagingTests.BuiltThenPublished>
{
    [Fact]
    public void Build_puts_the_sites_release_in_the_output_folder_as_release()
    {
        var (id, index) = AssertHoldsExactlyTheReleases(app.App.OutputRelease, 1);
        AssertFingerprintedWithIntegrity(app.App.OutputRelease, id, index);
    }

    [Fact]
    public void Publish_puts_the_sites_release_in_the_publish_folder_as_release()
    {
        var (id, index) = AssertHoldsExactlyTheReleases(app.App.PublishRelease, 1);
        AssertFingerprintedWithIntegrity(app.App.PublishRelease, id, index);
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
    public async Task A_changed_site_file_adds_the_new_release_and_keeps_the_previous_one_in_the_output_and_publish_folders()
    {
        using var changed = new PackagingApp();
        (await changed.PublishAsync()).EnsureSucceeded();
        var (firstId, firstIndex) = AssertHoldsExactlyTheReleases(changed.PublishRelease, 1);

        changed.WriteSiteFile("css/app.css", "body { margin: 0; color: #1d3b2a; }");
        (await changed.PublishAsync()).EnsureSucceeded();

        foreach (var release in new[] { changed.OutputRelease, changed.PublishRelease })
        {
            var (id, _) = AssertHoldsExactlyTheReleases(release, 2);
            Assert.NotEqual(firstId, id);
            Assert.True(File.Exists(Path.Join(release, ReleaseLayout.IndexPath(firstId))), $"{release} lost the previous release {firstId}");
            foreach (var asset in firstIndex.Assets.Where(a => a.Immutable))
                Assert.True(File.Exists(Path.Join(release, ReleaseLayout.ContentPath(asset.Variants[0].Key))), $"{release} lost {asset.Path} of release {firstId}");
        }
    }

    [Fact]
    public async Task ServeStaticKeepReleases_1_ships_only_the_current_release()
    {
        using var changed = new PackagingApp();
        (await changed.PublishAsync("ServeStaticKeepReleases=1")).EnsureSucceeded();
        var (firstId, _) = AssertHoldsExactlyTheReleases(changed.PublishRelease, 1);

        changed.WriteSiteFile("css/app.css", "body { margin: 0; color: #1d3b2a; }");
        (await changed.PublishAsync("ServeStaticKeepReleases=1")).EnsureSucceeded();

        foreach (var release in new[] { changed.OutputRelease, changed.PublishRelease })
            Assert.NotEqual(firstId, AssertHoldsExactlyTheReleases(release, 1).Id);
    }

    [Fact]
    public async Task ServeStaticFingerprint_false_ships_the_site_under_its_own_names_only()
    {
        using var plain = new PackagingApp();
        (await plain.BuildAsync("ServeStaticFingerprint=false")).EnsureSucceeded();

        var (_, index) = AssertHoldsExactlyTheReleases(plain.OutputRelease, 1);
        Assert.Equal(["/css/app.css", "/index.html"], index.Assets.Select(asset => asset.Path));
        Assert.DoesNotContain(index.Assets, asset => asset.Immutable);
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
    /// Asserts that a packaged release folder holds <paramref name="releases"/> releases, <c>current</c> naming one of them,
    /// their indexes and every content file they refer to, and nothing else (no file of a pruned release); returns the current one.
    /// </summary>
    private static (string Id, ReleaseIndex Index) AssertHoldsExactlyTheReleases(string release, int releases)
    {
        var id = ReleaseLayout.ParseCurrent(File.ReadAllText(Path.Join(release, ReleaseLayout.Current)), release);
        var ids = Directory.EnumerateFiles(Path.Join(release, "releases")).Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.Equal(releases, ids.Count);
        Assert.Contains(id, ids);
        var indexes = ids.ToDictionary(i => i!, i => IndexSerializer.Deserialize(File.ReadAllBytes(Path.Join(release, ReleaseLayout.IndexPath(i!))), i!));
        var expected = indexes.Keys.Select(ReleaseLayout.IndexPath).Append(ReleaseLayout.Current)
            .Concat(indexes.Values.SelectMany(index => index.ContentKeys()).Distinct().Select(ReleaseLayout.ContentPath))
            .Order(StringComparer.Ordinal);
        var actual = Directory.EnumerateFiles(release, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(release, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var stale = actual.Except(expected).ToList();
        Assert.True(stale.Count == 0, $"{release} holds files that are not part of its releases: {string.Join(", ", stale)}");
        Assert.Equal(expected, actual);
        return (id, indexes[id]);
    }

    /// <summary>By default the package's release is fingerprinted, and its page loads the stylesheet by hashed name with SRI.</summary>
    private static void AssertFingerprintedWithIntegrity(string release, string id, ReleaseIndex index)
    {
        var css = Assert.Single(index.Assets, asset => asset.Immutable && asset.Path.StartsWith("/css/app.", StringComparison.Ordinal));
        var page = Assert.Single(index.Assets, asset => asset.Path == "/index.html");
        var html = File.ReadAllText(Path.Join(release, ReleaseLayout.ContentPath(page.Variants[0].Key)));
        Assert.True(html.Contains(css.Path.TrimStart('/'), StringComparison.Ordinal) && html.Contains($"integrity=\"{css.Integrity}\"", StringComparison.Ordinal),
            $"release {id}'s /index.html does not load {css.Path} with its integrity: {html}");
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
