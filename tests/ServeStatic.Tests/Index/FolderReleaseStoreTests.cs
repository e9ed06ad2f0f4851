using ServeStatic.Build;
using ServeStatic.Index;

namespace ServeStatic.Tests.Index;

public class FolderReleaseStoreTests
{
    [Fact]
    public void A_site_with_folders_named_content_and_releases_is_not_a_release_folder()
    {
        using var site = new TempSite();
        site.Write("content/post.html", "<p>post</p>");
        site.Write("releases/v1.html", "<p>notes</p>");

        Assert.False(FolderReleaseStore.IsReleaseFolder(site.Site));
    }

    [Fact]
    public async Task A_folder_with_a_current_release_or_a_build_begun_is_a_release_folder()
    {
        using var site = new TempSite();
        site.Write("index.html", "<p>one</p>");
        await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site), site.Output("built"));
        FolderReleaseStore.At(site.Output("begun")).LockForWriting(waiting: null, CancellationToken.None).Dispose();

        Assert.True(FolderReleaseStore.IsReleaseFolder(site.Output("built")));
        Assert.True(FolderReleaseStore.IsReleaseFolder(site.Output("begun")));
    }

    [Fact]
    public async Task Releases_are_listed_newest_first_by_the_time_their_index_was_written()
    {
        using var site = new TempSite();
        var store = FolderReleaseStore.At(site.Output());
        foreach (var (id, minute) in new[] { ("b", 1), ("a", 3), ("c", 2) })
        {
            site.Write("index.html", $"<p>{id}</p>");
            await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site) { ReleaseId = id }, store.Root);
            File.SetLastWriteTimeUtc(store.IndexFile(id), new DateTime(2026, 11, 23, 12, minute, 0, DateTimeKind.Utc));
        }
        File.WriteAllText(Path.Join(store.ReleasesFolder, "Not-An-Id.json"), "{}");

        Assert.Equal(["a", "c", "b"], store.NewestFirst());
    }

    [Fact]
    public void A_missing_current_is_named_with_what_a_release_folder_holds()
    {
        using var site = new TempSite();
        var store = FolderReleaseStore.At(site.Site);

        var e = Assert.Throws<InvalidReleaseException>(store.ReadCurrent);

        Assert.Equal(store.CurrentFile, e.Where);
        Assert.StartsWith("does not exist; a release folder holds 'current'", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Readers_share_the_folder_and_a_writer_waits_for_them()
    {
        using var site = new TempSite();
        var store = FolderReleaseStore.At(site.Output());
        store.LockForWriting(waiting: null, CancellationToken.None).Dispose();
        using var reader = store.LockForReading(waiting: null, CancellationToken.None);
        var waited = false;

        using (store.LockForReading(() => waited = true, CancellationToken.None))
            Assert.False(waited);
        using var cancel = new CancellationTokenSource();
        var writer = Task.Run(() => store.LockForWriting(cancel.Cancel, cancel.Token));

        Assert.ThrowsAny<OperationCanceledException>(() => writer.GetAwaiter().GetResult());
    }
}
