using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using ServeStatic.Azure.Tests.Azurite;
using ServeStatic.Index;

namespace ServeStatic.Azure.Tests;

/// <summary>
/// azure.yaml's postdeploy hook, <c>scripts/publish-release.sh</c>, run as a real process against Azurite with a connection
/// string in place of the <c>RELEASE_CONTAINER_URL</c> azd would give it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class PublishReleaseHookTests(AzuriteFixture azurite)
{
    private Dictionary<string, string> Environment(string releaseSource, BlobContainerClient container) => new()
    {
        ["RELEASE_SOURCE"] = releaseSource,
        ["SERVESTATIC_RELEASE_CONNECTION_STRING"] = azurite.Server.ConnectionString,
        ["SERVESTATIC_RELEASE_CONTAINER"] = container.Name,
        ["SERVESTATIC_BUILD_CONFIGURATION"] = Repository.Configuration,
    };

    private static async Task<string?> CurrentAsync(BlobContainerClient container) =>
        await container.GetBlobClient(ReleaseLayout.Current).ExistsAsync()
            ? ReleaseLayout.ParseCurrent((await container.GetBlobClient(ReleaseLayout.Current).DownloadContentAsync()).Value.Content.ToString(), "current")
            : null;

    private static async Task<List<string>> BlobNamesAsync(BlobContainerClient container)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
            names.Add(blob.Name);
        return names;
    }

    [Fact]
    public void Azure_yaml_runs_the_script_after_every_deploy()
    {
        var azureYaml = File.ReadAllText(Path.Combine(Repository.Root, "azure.yaml"));

        Assert.Matches(new Regex(@"^hooks:\n  postdeploy:\n    shell: sh\n    run: " + Regex.Escape(HookRun.Script) + "\n", RegexOptions.Multiline), azureYaml);
        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(Path.Combine(Repository.Root, HookRun.Script)).HasFlag(UnixFileMode.UserExecute), "azd runs the file itself on Linux and macOS");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bash")]
    public async Task In_package_mode_it_publishes_nothing_and_says_so_in_one_line(string? shell)
    {
        var container = await azurite.Server.CreateContainerAsync();

        var run = await HookRun.RunAsync(Environment("package", container), shell);

        Assert.Equal((0, "publish-release: the app serves the release in its package, nothing to publish", ""), (run.ExitCode, run.Output, run.Error));
        Assert.Empty(await BlobNamesAsync(container));
    }

    [Fact]
    public async Task In_package_mode_it_says_when_blob_is_asked_for_but_not_provisioned()
    {
        var container = await azurite.Server.CreateContainerAsync();

        var run = await HookRun.RunAsync(new Dictionary<string, string>(Environment("package", container)) { ["SERVESTATIC_RELEASE_SOURCE"] = "blob" });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("publish-release: the app serves the release in its package, nothing to publish (SERVESTATIC_RELEASE_SOURCE is blob: run azd provision to switch)", run.Output);
        Assert.Empty(await BlobNamesAsync(container));
    }

    [Fact]
    public async Task An_unknown_release_source_is_refused_by_name()
    {
        var container = await azurite.Server.CreateContainerAsync();

        var run = await HookRun.RunAsync(Environment("folder", container));

        Assert.Equal((2, "publish-release: RELEASE_SOURCE is 'folder'; expected package or blob"), (run.ExitCode, run.Error));
        Assert.Empty(await BlobNamesAsync(container));
    }

    [Fact]
    public async Task In_blob_mode_it_publishes_the_packaged_release_and_activates_it()
    {
        var container = await azurite.Server.CreateContainerAsync();

        var run = await HookRun.RunAsync(Environment("Blob", container));

        Assert.True(run.ExitCode == 0, run.ToString());
        var folder = Regex.Match(run.Output, "^publish-release: publishing (.+)$", RegexOptions.Multiline).Groups[1].Value;
        // The release folder the app's own build copies into its package (src/ServeStatic/buildTransitive/ServeStatic.targets).
        Assert.StartsWith(Path.Combine(Repository.Root, "src", "ServeStatic.Functions", "obj") + Path.DirectorySeparatorChar, folder, StringComparison.Ordinal);
        var packaged = ReleaseLayout.ParseCurrent(await File.ReadAllTextAsync(Path.Combine(folder, ReleaseLayout.Current)), "current");
        Assert.Equal(packaged, await CurrentAsync(container));
        Assert.Contains($"current: {packaged}", run.Output, StringComparison.Ordinal);
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(folder, ReleaseLayout.IndexPath(packaged))),
            (await container.GetBlobClient(ReleaseLayout.IndexPath(packaged)).DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task A_failed_release_build_publishes_nothing_and_leaves_current_as_it_was()
    {
        var live = TestRelease.Write(("/index.html", "<title>live</title>"));
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(live.Folder, activate: true);
        var before = await BlobNamesAsync(container);
        // MSBuild takes an environment variable as a property: the app's release build is pointed at a site that does not exist.
        var missingSite = Path.Combine(Path.GetTempPath(), "servestatic-no-such-site-" + Guid.NewGuid().ToString("n"));

        var run = await HookRun.RunAsync(new Dictionary<string, string>(Environment("blob", container)) { ["ServeStaticSiteFolder"] = missingSite });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"ServeStaticSiteFolder '{missingSite}' does not exist", run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("publish-release: publishing", run.Output, StringComparison.Ordinal);
        Assert.Equal(live.Id, await CurrentAsync(container));
        Assert.Equal(before, await BlobNamesAsync(container));
    }
}
