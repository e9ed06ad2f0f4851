using ServeStatic.Index;

namespace ServeStatic.Cli.Tests;

/// <summary>
/// The ServeStatic package as a user meets it: a new web app (<see cref="PackagedWebApp"/>) references the packed package
/// and nothing else of this repository; <c>dotnet build</c> and <c>dotnet publish</c> ship the release of its wwwroot.
/// </summary>
[Collection(ChildBuildCollection.Name)]
public sealed class PackageTests(PackageTests.WebAppBuilt app) : IClassFixture<PackageTests.WebAppBuilt>
{
    [Fact]
    public void Publish_puts_the_fingerprinted_release_of_wwwroot_in_the_publish_folder_as_release()
    {
        var release = Path.Join(app.App.PublishFolder, "release");
        var (id, index) = ShippedRelease.AssertHoldsExactlyTheReleases(release, 1);
        ShippedRelease.AssertFingerprintedWithIntegrity(release, id, index);
    }

    [Fact]
    public void Publish_leaves_the_files_of_wwwroot_out_of_the_publish_folder()
    {
        var wwwroot = Path.Join(app.App.PublishFolder, "wwwroot");
        Assert.False(Directory.Exists(wwwroot) && Directory.EnumerateFiles(wwwroot, "*", SearchOption.AllDirectories).Any(),
            $"{wwwroot} holds the site's own files: {string.Join(", ", Directory.Exists(wwwroot) ? Directory.EnumerateFiles(wwwroot, "*", SearchOption.AllDirectories) : [])}");
    }

    [Fact]
    public void ServeStaticPublishSiteFolder_true_publishes_the_files_of_wwwroot_as_well()
    {
        Assert.True(File.Exists(Path.Join(app.SiteFolderPublish, "wwwroot", "index.html")), "no wwwroot/index.html in " + app.SiteFolderPublish);
        Assert.True(File.Exists(Path.Join(app.SiteFolderPublish, "release", ReleaseLayout.Current)), "no release/current in " + app.SiteFolderPublish);
    }

    [Fact]
    public void A_second_build_with_the_site_unchanged_does_not_run_the_build_runner()
    {
        Assert.True(app.FirstBuild.Output.Contains("built release ", StringComparison.Ordinal), "the first build did not print the runner's \"built release\" line:\n" + app.FirstBuild.Output);
        Assert.False(app.SecondBuild.Output.Contains("built release ", StringComparison.Ordinal), "the second build ran the release build again:\n" + app.SecondBuild.Output);
        Assert.Equal(app.StampAfterFirstBuild, app.StampAfterSecondBuild);
    }

    [Fact]
    public void A_changed_site_file_makes_the_next_build_add_a_new_current_release()
    {
        Assert.True(app.BuildAfterChange.Output.Contains("built release ", StringComparison.Ordinal), "the build after the change did not run the release build:\n" + app.BuildAfterChange.Output);
        var (id, _) = ShippedRelease.AssertHoldsExactlyTheReleases(app.App.OutputRelease, 2);
        Assert.NotEqual(app.FirstReleaseId, id);
    }

    [Fact]
    public void A_build_without_a_site_folder_fails_with_one_message_naming_the_property()
    {
        Assert.NotEqual(0, app.BuildWithoutSite.ExitCode);
        // The build log repeats each error in its summary: every error line is this one message.
        var errors = app.BuildWithoutSite.Output.Split('\n').Where(line => line.Contains(": error ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, line => Assert.Contains("error : ServeStatic: set ServeStaticSiteFolder to the site whose release this app ships", line, StringComparison.Ordinal));
    }

    /// <summary>
    /// One web app, in order: built, built again unchanged, published, published again with its site folder into another
    /// folder, built with no site folder (which fails), then built after a site file changed.
    /// </summary>
    public sealed class WebAppBuilt : IAsyncLifetime
    {
        internal PackagedWebApp App { get; private set; } = null!;

        internal ChildProcess FirstBuild { get; private set; } = null!;

        internal ChildProcess SecondBuild { get; private set; } = null!;

        internal DateTime StampAfterFirstBuild { get; private set; }

        internal DateTime StampAfterSecondBuild { get; private set; }

        internal string SiteFolderPublish { get; private set; } = null!;

        internal ChildProcess BuildWithoutSite { get; private set; } = null!;

        internal string FirstReleaseId { get; private set; } = null!;

        internal ChildProcess BuildAfterChange { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var package = await PackedPackages.PackageAsync("ServeStatic");
            App = new PackagedWebApp(Path.GetDirectoryName(package)!, PackedPackages.VersionOf("ServeStatic", package));
            FirstBuild = (await App.BuildAsync()).EnsureSucceeded();
            StampAfterFirstBuild = File.GetLastWriteTimeUtc(App.Stamp);
            SecondBuild = (await App.BuildAsync()).EnsureSucceeded();
            StampAfterSecondBuild = File.GetLastWriteTimeUtc(App.Stamp);
            (await App.PublishAsync()).EnsureSucceeded();
            SiteFolderPublish = Path.Join(App.ProjectFolder, "bin", "publish-with-site");
            (await App.PublishAsync("-p:ServeStaticPublishSiteFolder=true", "-o", SiteFolderPublish)).EnsureSucceeded();
            BuildWithoutSite = await App.BuildAsync("-p:ServeStaticSiteFolder=");
            FirstReleaseId = ReleaseLayout.ParseCurrent(await File.ReadAllTextAsync(Path.Join(App.OutputRelease, ReleaseLayout.Current)), App.OutputRelease);
            App.WriteSiteFile("css/app.css", "body { margin: 0; color: #1d3b2a; }");
            BuildAfterChange = (await App.BuildAsync()).EnsureSucceeded();
        }

        public Task DisposeAsync()
        {
            App?.Dispose();
            return Task.CompletedTask;
        }
    }
}
