using ServeStatic.Index;

namespace ServeStatic.Functions.Tests;

/// <summary>
/// One host for the <see cref="FolderReleaseCollection"/>: the app serving a release folder of its own
/// (<c>ServeStatic__Folder__Path</c>, polled every second), built by the real CLI (<c>servestatic build --fingerprint</c>)
/// from a copy of samples/site plus two bodies too large to be held in memory. A test may change the site and build again.
/// </summary>
public sealed class FolderReleaseHost : IAsyncLifetime
{
    public const string Big = "/media/big.mp4";
    public const string Gone = "/media/gone.mp4";

    private readonly string _root = Directory.CreateTempSubdirectory("servestatic-functions-folder-").FullName;
    private FunctionsHost? _host;

    internal FunctionsHost Host => _host ?? throw new InvalidOperationException("The Functions host was not started.");

    public string SiteFolder => Path.Combine(_root, "site");

    public string ReleaseFolder => Path.Combine(_root, "release");

    /// <summary>The content file of <see cref="Gone"/>'s body, which a test deletes to make the worker log a warning.</summary>
    public string GoneContentFile { get; private set; } = "";

    public async Task InitializeAsync()
    {
        CopyFolder(Repository.SampleSite, SiteFolder);
        // Video is never compressed, so the build only hashes these; random bytes, streamed from disk (over the in-memory limit).
        Directory.CreateDirectory(Path.Combine(SiteFolder, "media"));
        await File.WriteAllBytesAsync(Path.Combine(SiteFolder, Big.TrimStart('/')), Random(32 * 1024 * 1024));
        await File.WriteAllBytesAsync(Path.Combine(SiteFolder, Gone.TrimStart('/')), Random(512 * 1024));
        var releaseId = await BuildAsync();
        var index = IndexSerializer.Deserialize(await File.ReadAllBytesAsync(Path.Combine(ReleaseFolder, ReleaseLayout.IndexPath(releaseId))), releaseId);
        var key = index.Assets.Single(a => a.Path == Gone).Variants.Single(v => v.Encoding == ContentEncoding.Identity).Key;
        GoneContentFile = Path.Combine(ReleaseFolder, ReleaseLayout.ContentPath(key));
        _host = await FunctionsHost.StartAsync(await PublishedApp.FolderAsync(), ("ServeStatic__Folder__Path", ReleaseFolder), ("ServeStatic__Folder__PollSeconds", "1"));
    }

    /// <summary>Builds <see cref="SiteFolder"/> into <see cref="ReleaseFolder"/> with the CLI, and returns the new current release's id.</summary>
    public async Task<string> BuildAsync()
    {
        var run = await CliProcess.RunAsync("build", SiteFolder, "--output", ReleaseFolder, "--fingerprint");
        Assert.True(run.ExitCode == 0, $"servestatic build failed ({run.ExitCode}): {run.Output} {run.Error}");
        return ReleaseLayout.ParseCurrent(await File.ReadAllTextAsync(Path.Combine(ReleaseFolder, ReleaseLayout.Current)), ReleaseFolder);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a host shutting down; the OS cleans temp folders.
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static byte[] Random(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }
}

[CollectionDefinition(Name)]
public sealed class FolderReleaseCollection : ICollectionFixture<FolderReleaseHost>
{
    public const string Name = "release folder under a Functions host";
}
