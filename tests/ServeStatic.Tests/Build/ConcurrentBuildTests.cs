using System.Globalization;
using System.Security.Cryptography;
using ServeStatic.Build;
using ServeStatic.Index;

namespace ServeStatic.Tests.Build;

/// <summary>
/// Builds into one release folder at the same time, as two CI jobs sharing a cached folder do: the folder's lock
/// (<see cref="ReleaseFolderLock"/>) puts their critical sections one after the other.
/// </summary>
public class ConcurrentBuildTests
{
    private const int Rounds = 6;
    private const int BuildersPerRound = 3;
    private const int PoolFiles = 8;

    /// <summary>
    /// Each round starts several builds at once, each followed by a prune to the newest release (<c>build --keep 1</c>).
    /// Every site holds a different random half of a pool of stylesheets, which the previous round's release stored, and a
    /// page of its own, smaller than any stylesheet, so each build decides to reuse the stored stylesheets first and
    /// compresses its page after: without the lock, another build's prune deletes a stylesheet in that gap (the releases
    /// it kept do not name it) and the build then makes current an index whose content is gone.
    /// </summary>
    [Fact]
    public async Task Builds_that_each_keep_one_release_run_together_and_every_release_left_has_all_its_content()
    {
        using var temp = new TempSite();
        var output = temp.Output();
        var pool = Enumerable.Range(0, PoolFiles).Select(i => TempSite.CompressibleText(160_000 + (i * 4_000)) + $"/* {i} */").ToArray();
        var random = new Random(14);
        await BuildAndPruneAsync(WriteSite(temp, "seed", pool, Enumerable.Range(0, PoolFiles)), output);

        for (var round = 0; round < Rounds; round++)
        {
            var sites = Enumerable.Range(0, BuildersPerRound)
                .Select(builder => WriteSite(temp, $"r{round}b{builder}", pool, Enumerable.Range(0, PoolFiles).Where(_ => random.Next(2) == 0)))
                .ToList();

            var ids = await Task.WhenAll(sites.Select(site => Task.Run(() => BuildAndPruneAsync(site, output))));

            var current = File.ReadAllText(Path.Join(output, ReleaseLayout.Current)).Trim();
            Assert.Contains(current, ids);
            AssertEveryReleaseHasItsContent(output, round);
        }
    }

    [Fact]
    public async Task A_build_waits_while_another_holds_the_folder_says_so_and_then_completes()
    {
        using var site = new TempSite();
        site.Write("index.html", "<p>waited</p>");
        var output = site.Output();
        var held = FolderReleaseStore.At(output).LockForWriting(waiting: null, CancellationToken.None);
        var waited = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);

        var build = ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site), output, new StageProgress(BuildStage.Waiting, waited));

        Assert.Equal(output, await waited.Task.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.False(build.IsCompleted);
        Assert.False(File.Exists(Path.Join(output, ReleaseLayout.Current)));
        held.Dispose();
        var result = await build.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(result.ReleaseId + "\n", File.ReadAllText(Path.Join(output, ReleaseLayout.Current)));
    }

    [Fact]
    public async Task A_build_cancelled_while_it_waits_for_the_folder_changes_nothing()
    {
        using var site = new TempSite();
        site.Write("index.html", "<p>never</p>");
        var output = site.Output();
        using var held = FolderReleaseStore.At(output).LockForWriting(waiting: null, CancellationToken.None);
        var waited = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();

        var build = ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site), output, new StageProgress(BuildStage.Waiting, waited), cancel.Token);
        await waited.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => build.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal([ReleaseFolderLock.FileName], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_prune_waits_while_a_build_holds_the_folder()
    {
        using var site = new TempSite();
        site.Write("index.html", "<p>one</p>");
        var output = site.Output();
        await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site), output);
        var held = FolderReleaseStore.At(output).LockForWriting(waiting: null, CancellationToken.None);
        var waited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var prune = Task.Run(() => FolderReleasePruner.Prune(output, keep: 1, waiting: waited.SetResult));

        await waited.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.False(prune.IsCompleted);
        held.Dispose();
        Assert.Empty((await prune.WaitAsync(TimeSpan.FromMinutes(2))).DeletedReleases);
    }

    [Fact]
    public async Task A_folder_that_only_holds_the_lock_of_a_failed_build_can_be_built_into()
    {
        using var site = new TempSite();
        site.Write("index.html", "<p>after</p>");
        FolderReleaseStore.At(site.Output()).LockForWriting(waiting: null, CancellationToken.None).Dispose();

        var result = await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site), site.Output());

        Assert.Equal(result.ReleaseId + "\n", File.ReadAllText(Path.Join(site.Output(), ReleaseLayout.Current)));
    }

    private static async Task<string> BuildAndPruneAsync(string site, string output)
    {
        var result = await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site), output);
        FolderReleasePruner.Prune(output, keep: 1);
        return result.ReleaseId;
    }

    /// <summary>A site of the given pool stylesheets and a page of its own (smaller than any stylesheet), in its own folder.</summary>
    private static string WriteSite(TempSite temp, string name, string[] pool, IEnumerable<int> chosen)
    {
        var site = Path.Join(temp.Root, "site-" + name);
        Directory.CreateDirectory(Path.Join(site, "css"));
        foreach (var i in chosen)
            File.WriteAllText(Path.Join(site, "css", $"pool-{i.ToString(CultureInfo.InvariantCulture)}.css"), pool[i]);
        File.WriteAllText(Path.Join(site, "index.html"), $"<!doctype html><title>{name}</title>\n" + TempSite.CompressibleText(60_000));
        return site;
    }

    /// <summary>Every variant of every asset of every release in the folder is a file of the recorded size and SHA-256.</summary>
    private static void AssertEveryReleaseHasItsContent(string output, int round)
    {
        foreach (var indexFile in Directory.EnumerateFiles(Path.Join(output, "releases"), "*.json"))
        {
            var id = Path.GetFileNameWithoutExtension(indexFile);
            var index = IndexSerializer.Deserialize(File.ReadAllBytes(indexFile), indexFile);
            foreach (var asset in index.Assets)
            {
                foreach (var variant in asset.Variants)
                {
                    var path = Path.Join(output, "content", variant.Key);
                    var where = $"round {round}: release {id}, {asset.Path} ({variant.Encoding.Token()}), content/{variant.Key}";
                    Assert.True(File.Exists(path), where + " is missing");
                    var bytes = File.ReadAllBytes(path);
                    Assert.True(bytes.Length == variant.Size, $"{where} has {bytes.Length} bytes, not {variant.Size}");
                    Assert.True(Convert.ToHexStringLower(SHA256.HashData(bytes)) == variant.Sha256, where + " has other bytes than recorded");
                }
            }
        }
    }

    /// <summary>Completes <paramref name="reached"/> with the item of the first report of <paramref name="stage"/>, on the reporting thread.</summary>
    private sealed class StageProgress(BuildStage stage, TaskCompletionSource<string?> reached) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value)
        {
            if (value.Stage == stage)
                reached.TrySetResult(value.Item);
        }
    }
}
