using ServeStatic.Build;
using ServeStatic.Index;

namespace ServeStatic.Tests.Index;

public class ContentSizeCheckWhileReadingTests
{
    /// <summary>A release of 700 small files: three batches of the check and part of a fourth.</summary>
    private static async Task<(FolderReleaseStore Store, string Id)> BuildAsync(TempSite site)
    {
        for (var i = 0; i < 700; i++)
            site.Write($"pages/{i:D4}.txt", $"page {i}");
        var result = await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site), site.Output());
        return (FolderReleaseStore.Open(site.Output()), result.ReleaseId);
    }

    private static Task CheckWhileReading(FolderReleaseStore store, string id)
    {
        var check = new ContentSizeCheckWhileReading(store.ContentFolder, id);
        store.ReadIndex(id, check.Add);
        return check.Complete();
    }

    private static string FileOf(FolderReleaseStore store, string id, string path) =>
        store.ContentFile(store.ReadIndex(id).Assets.Single(asset => asset.Path == path).Variants[0].Key);

    [Fact]
    public async Task A_release_as_built_passes()
    {
        using var site = new TempSite();
        var (store, id) = await BuildAsync(site);

        await CheckWhileReading(store, id);
    }

    [Fact]
    public async Task The_fault_reported_is_the_first_in_index_order()
    {
        using var site = new TempSite();
        var (store, id) = await BuildAsync(site);
        var assets = store.ReadIndex(id).Assets;
        // One fault in the last, partly filled batch, one earlier in the index.
        var late = assets[^1].Path;
        var early = assets[300].Path;
        File.Delete(FileOf(store, id, late));
        File.WriteAllText(FileOf(store, id, early), "");

        var e = await Assert.ThrowsAsync<InvalidReleaseException>(() => CheckWhileReading(store, id));

        Assert.Equal($"{FileOf(store, id, early)}: has 0 bytes where the index records {assets[300].Size} (release {id}, asset {early}, identity variant)", e.Message);
    }
}
