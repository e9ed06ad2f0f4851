using ServeStatic.Index;

namespace ServeStatic.Cli.Tests;

/// <summary>
/// The ServeStatic package's build integration (src/ServeStatic/buildTransitive/ServeStatic.targets, as the Functions app
/// imports it), run by real <c>dotnet build</c> and <c>dotnet publish</c> on a plain app (<see cref="PackagingApp"/>):
/// the release that ships in the app as <c>release/</c>.
/// </summary>
[Collection(ChildBuildCollection.Name)]
public sealed class ReleasePackagingTests(ReleasePackagingTests.BuiltThenPublished app) : IClassFixture<ReleasePackagingTests.BuiltThenPublished>
{
    [Fact]
    public void Build_puts_the_sites_release_in_the_output_folder_as_release()
    {
        var (id, index) = ShippedRelease.AssertHoldsExactlyTheReleases(app.App.OutputRelease, 1);
        ShippedRelease.AssertFingerprintedWithIntegrity(app.App.OutputRelease, id, index);
    }

    [Fact]
    public void Publish_puts_the_sites_release_in_the_publish_folder_as_release()
    {
        var (id, index) = ShippedRelease.AssertHoldsExactlyTheReleases(app.App.PublishRelease, 1);
        ShippedRelease.AssertFingerprintedWithIntegrity(app.App.PublishRelease, id, index);
    }

    [Fact]
    public void Publishing_after_a_build_with_the_site_unchanged_does_not_run_the_release_build_again()
    {
        Assert.True(app.Build.Output.Contains("built release ", StringComparison.Ordinal), "the first build did not print the build runner's \"built release\" line:\n" + app.Build.Output);
        Assert.False(app.Publish.Output.Contains("built release ", StringComparison.Ordinal), "the publish ran the release build again:\n" + app.Publish.Output);
        Assert.True(File.Exists(app.App.Stamp), "no release stamp at " + app.App.Stamp);
        Assert.Equal(app.StampAfterBuild, app.StampAfterPublish);
    }

    [Fact]
    public async Task A_changed_site_file_adds_the_new_release_and_keeps_the_previous_one_in_the_output_and_publish_folders()
    {
        using var changed = new PackagingApp();
        (await changed.PublishAsync()).EnsureSucceeded();
        var (firstId, firstIndex) = ShippedRelease.AssertHoldsExactlyTheReleases(changed.PublishRelease, 1);

        changed.WriteSiteFile("css/app.css", "body { margin: 0; color: #1d3b2a; }");
        (await changed.PublishAsync()).EnsureSucceeded();

        foreach (var release in new[] { changed.OutputRelease, changed.PublishRelease })
        {
            var (id, _) = ShippedRelease.AssertHoldsExactlyTheReleases(release, 2);
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
        var (firstId, _) = ShippedRelease.AssertHoldsExactlyTheReleases(changed.PublishRelease, 1);

        changed.WriteSiteFile("css/app.css", "body { margin: 0; color: #1d3b2a; }");
        (await changed.PublishAsync("ServeStaticKeepReleases=1")).EnsureSucceeded();

        foreach (var release in new[] { changed.OutputRelease, changed.PublishRelease })
            Assert.NotEqual(firstId, ShippedRelease.AssertHoldsExactlyTheReleases(release, 1).Id);
    }

    [Fact]
    public async Task ServeStaticExclude_and_ServeStaticEntryPoints_reach_the_build_and_a_change_of_them_rebuilds()
    {
        using var app = new PackagingApp();
        app.WriteSiteFile("drafts/next.html", "<p>not yet</p>");
        app.WriteSiteFile("app.css.map", "{}");
        app.WriteSiteFile("sw.js", "self.addEventListener('fetch', () => {});");
        (await app.BuildAsync()).EnsureSucceeded();
        var (_, before) = ShippedRelease.AssertHoldsExactlyTheReleases(app.OutputRelease, 1);
        Assert.Contains(before.Assets, asset => asset.Path == "/drafts/next.html");
        Assert.Contains(before.Assets, asset => asset.Immutable && asset.Path.StartsWith("/sw.", StringComparison.Ordinal));

        // Two globs, as a project file writes them (on the command line a ';' is %3B); a * stays a glob, not a file wildcard.
        (await app.BuildAsync("ServeStaticExclude=drafts/%3B*.map", "ServeStaticEntryPoints=/sw.js", "ServeStaticKeepReleases=1")).EnsureSucceeded();

        var (_, after) = ShippedRelease.AssertHoldsExactlyTheReleases(app.OutputRelease, 1);
        Assert.DoesNotContain(after.Assets, asset => asset.Path == "/drafts/next.html" || asset.Path.EndsWith(".map", StringComparison.Ordinal));
        Assert.DoesNotContain(after.Assets, asset => asset.Immutable && asset.Path.StartsWith("/sw.", StringComparison.Ordinal));
        Assert.Contains(after.Assets, asset => asset.Path == "/sw.js");
    }

    [Fact]
    public async Task ServeStaticFingerprint_false_ships_the_site_under_its_own_names_only()
    {
        using var plain = new PackagingApp();
        (await plain.BuildAsync("ServeStaticFingerprint=false")).EnsureSucceeded();

        var (_, index) = ShippedRelease.AssertHoldsExactlyTheReleases(plain.OutputRelease, 1);
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
