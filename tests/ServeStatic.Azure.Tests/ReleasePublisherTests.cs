using Azure;
using Azure.Storage.Blobs.Models;
using ServeStatic.Azure.Tests.Azurite;
using ServeStatic.Build;
using ServeStatic.Index;

namespace ServeStatic.Azure.Tests;

[Collection(AzuriteCollection.Name)]
public class ReleasePublisherTests(AzuriteFixture azurite)
{
    private static readonly WrittenRelease Site = TestRelease.Write(
        ("/index.html", "<!doctype html><title>home</title><link rel=stylesheet href=/css/app.3f2a9c1b.css>"),
        ("/css/app.3f2a9c1b.css", "body { color: rebeccapurple }"));

    [Fact]
    public async Task A_publish_uploads_every_content_blob_and_the_index_in_the_release_layout()
    {
        var container = await azurite.Server.CreateContainerAsync();

        var summary = await new ReleasePublisher(container).PublishAsync(Site.Folder, activate: false);

        Assert.Equal(4, summary.Uploaded);
        Assert.Equal(0, summary.AlreadyPresent);
        Assert.Equal(Site.Index.Assets.SelectMany(a => a.Variants).Sum(v => v.Size), summary.BytesUploaded);
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
            names.Add(blob.Name);
        var expected = Site.Index.Assets.SelectMany(a => a.Variants).Select(v => ReleaseLayout.ContentPath(v.Key)).Append(ReleaseLayout.IndexPath(Site.Id));
        Assert.Equal(expected.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_publish_without_activate_leaves_current_alone()
    {
        var container = await azurite.Server.CreateContainerAsync();

        await new ReleasePublisher(container).PublishAsync(Site.Folder, activate: false);

        Assert.False(await container.GetBlobClient(ReleaseLayout.Current).ExistsAsync());
    }

    [Fact]
    public async Task Content_blobs_carry_their_type_encoding_and_immutable_cache_control()
    {
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(Site.Folder, activate: false);

        var css = Site.Asset("/css/app.3f2a9c1b.css");
        var gzip = (await container.GetBlobClient(ReleaseLayout.ContentPath(css.Variants[1].Key)).GetPropertiesAsync()).Value;
        Assert.Equal("text/css; charset=utf-8", gzip.ContentType);
        Assert.Equal("gzip", gzip.ContentEncoding);
        Assert.Equal("public, max-age=31536000, immutable", gzip.CacheControl);
        var identity = (await container.GetBlobClient(ReleaseLayout.ContentPath(css.Variants[0].Key)).GetPropertiesAsync()).Value;
        Assert.Null(identity.ContentEncoding);
    }

    [Fact]
    public async Task A_second_publish_of_the_same_release_uploads_nothing()
    {
        var container = await azurite.Server.CreateContainerAsync();
        var publisher = new ReleasePublisher(container);
        await publisher.PublishAsync(Site.Folder, activate: true);

        var again = await publisher.PublishAsync(Site.Folder, activate: true);

        Assert.Equal(0, again.Uploaded);
        Assert.Equal(4, again.AlreadyPresent);
        Assert.Equal(0, again.BytesUploaded);
    }

    [Fact]
    public async Task A_content_blob_someone_else_created_is_counted_present_and_not_overwritten()
    {
        var container = await azurite.Server.CreateContainerAsync();
        var key = Site.Asset("/index.html").Variants[0].Key;
        var theirs = await container.GetBlobClient(ReleaseLayout.ContentPath(key)).UploadAsync(BinaryData.FromString("theirs"));
        var publisher = new ReleasePublisher(container);

        var summary = await publisher.PublishAsync(Site.Folder, activate: false);

        Assert.Equal(3, summary.Uploaded);
        Assert.Equal(1, summary.AlreadyPresent);
        var after = await container.GetBlobClient(ReleaseLayout.ContentPath(key)).GetPropertiesAsync();
        Assert.Equal(theirs.Value.ETag, after.Value.ETag);
    }

    [Fact]
    public async Task Two_concurrent_publishers_of_one_release_create_each_blob_once()
    {
        var container = await azurite.Server.CreateContainerAsync();

        var both = await Task.WhenAll(
            new ReleasePublisher(container).PublishAsync(Site.Folder, activate: false),
            new ReleasePublisher(container).PublishAsync(Site.Folder, activate: false));

        Assert.Equal(4, both.Sum(s => s.Uploaded));
        Assert.All(both, s => Assert.Equal(4, s.Uploaded + s.AlreadyPresent));
    }

    [Fact]
    public async Task Progress_reaches_every_distinct_content_blob()
    {
        var container = await azurite.Server.CreateContainerAsync();
        var reports = new List<PublishProgress>();
        var progress = new SynchronousProgress<PublishProgress>(p => { lock (reports) reports.Add(p); });

        await new ReleasePublisher(container).PublishAsync(Site.Folder, activate: false, progress);

        Assert.Contains(reports, r => r.Settled == 4 && r.Total == 4);
        Assert.All(reports, r => Assert.Equal(4, r.Total));
    }

    [Fact]
    public async Task Activate_points_current_at_the_release_with_no_cache()
    {
        var container = await azurite.Server.CreateContainerAsync();

        var summary = await new ReleasePublisher(container).PublishAsync(Site.Folder, activate: true);

        Assert.True(summary.Activated);
        var current = await container.GetBlobClient(ReleaseLayout.Current).DownloadContentAsync();
        Assert.Equal(Site.Id + "\n", current.Value.Content.ToString());
        Assert.Equal("no-cache", current.Value.Details.CacheControl);
    }

    [Fact]
    public async Task A_content_file_whose_bytes_do_not_match_the_index_is_refused_and_nothing_is_activated()
    {
        var release = TestRelease.Write(("/a.txt", "original"));
        var container = await azurite.Server.CreateContainerAsync();
        File.WriteAllText(Path.Combine(release.Folder, "content", release.Asset("/a.txt").Sha256), "tampered"); // same length

        var e = await Assert.ThrowsAsync<InvalidReleaseException>(() => new ReleasePublisher(container).PublishAsync(release.Folder, activate: true));

        Assert.Contains("SHA-256", e.Message, StringComparison.Ordinal);
        Assert.False(await container.GetBlobClient(ReleaseLayout.Current).ExistsAsync());
        Assert.False(await container.GetBlobClient(ReleaseLayout.IndexPath(release.Id)).ExistsAsync());
    }

    [Fact]
    public async Task A_publish_to_a_missing_container_says_so_and_names_it()
    {
        var container = azurite.Server.Container("nosuchcontainer");

        var e = await Assert.ThrowsAsync<ReleaseStorageException>(() => new ReleasePublisher(container).PublishAsync(Site.Folder, activate: true));

        Assert.Contains("'nosuchcontainer'", e.Message, StringComparison.Ordinal);
        Assert.Contains("devstoreaccount1", e.Message, StringComparison.Ordinal);
        Assert.Contains("the container does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_with_keep_beside_a_publish_waits_for_it_and_prunes_nothing_it_uploads()
    {
        var container = await azurite.Server.CreateContainerAsync();
        var root = Directory.CreateTempSubdirectory("servestatic-publish-").FullName;
        try
        {
            var (site, folder) = (Path.Join(root, "site"), Path.Join(root, "release"));
            Directory.CreateDirectory(site);
            File.WriteAllText(Path.Join(site, "index.html"), "<p>published</p>" + new string('x', 4000));
            var published = await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site), folder);
            File.WriteAllText(Path.Join(site, "index.html"), "<p>next</p>");
            var buildWaited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task<PruneResult>? buildAndPrune = null;
            // The first report comes after the publish has read the release and before it uploads: `build --keep 1` starts then.
            var progress = new SynchronousProgress<PublishProgress>(_ =>
            {
                if (buildAndPrune is not null)
                    return;
                buildAndPrune = Task.Run(async () =>
                {
                    await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site), folder, new WaitingReported(buildWaited));
                    return FolderReleasePruner.Prune(folder, keep: 1);
                });
                Assert.True(buildWaited.Task.Wait(TimeSpan.FromMinutes(2)), "the build did not wait for the publish of its folder");
            });

            var summary = await new ReleasePublisher(container).PublishAsync(folder, activate: false, progress);
            var pruned = await buildAndPrune!.WaitAsync(TimeSpan.FromMinutes(2));

            Assert.Equal(published.ReleaseId, summary.ReleaseId);
            Assert.Equal([published.ReleaseId], pruned.DeletedReleases);
            await new ReleaseManager(container).ActivateAsync(published.ReleaseId); // refused if a content blob is missing
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class WaitingReported(TaskCompletionSource reached) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value)
        {
            if (value.Stage == BuildStage.Waiting)
                reached.TrySetResult();
        }
    }

    /// <summary><see cref="Progress{T}"/> posts to the thread pool; tests need reports delivered before the publish returns.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
