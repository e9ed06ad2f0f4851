using ServeStatic.Azure.Tests.Azurite;
using ServeStatic.Index;

namespace ServeStatic.Azure.Tests;

[Collection(AzuriteCollection.Name)]
public class ReleaseManagerTests(AzuriteFixture azurite)
{
    private static readonly string Shared = "shared by every release";
    private static readonly WrittenRelease First = TestRelease.Write(("/shared.txt", Shared), ("/v.txt", "one"), ("/only-first.txt", "first"));
    private static readonly WrittenRelease Second = TestRelease.Write(("/shared.txt", Shared), ("/v.txt", "two"));
    private static readonly WrittenRelease Third = TestRelease.Write(("/shared.txt", Shared), ("/v.txt", "three"));
    private static readonly WrittenRelease Fourth = TestRelease.Write(("/shared.txt", Shared), ("/v.txt", "four"));

    [Fact]
    public async Task List_shows_every_release_newest_first_with_its_size_and_the_active_one_marked()
    {
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(First.Folder, activate: true);
        await new ReleasePublisher(container).PublishAsync(Second.Folder, activate: false);

        var releases = await new ReleaseManager(container).ListAsync();

        Assert.Equal([Second.Id, First.Id], releases.Select(r => r.Id));
        Assert.Equal([false, true], releases.Select(r => r.IsActive));
        Assert.Equal(3, releases[1].Assets);
        Assert.Equal(3, releases[1].Files);
        Assert.Equal(First.Index.Assets.Sum(a => a.Size), releases[1].Bytes);
    }

    [Fact]
    public async Task List_counts_a_fingerprinted_file_once_in_files_and_size_and_twice_in_urls()
    {
        var release = new TestRelease()
            .Add("/app.css", "body { color: red }", "text/css; charset=utf-8")
            .Add("/app.0123456789.css", "body { color: red }", "text/css; charset=utf-8", immutable: true)
            .Add("/index.html", "<p>hi</p>", "text/html; charset=utf-8");
        using var folder = new TempFolder();
        release.WriteTo(folder.Path);
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(folder.Path, activate: true);

        var listed = Assert.Single(await new ReleaseManager(container).ListAsync());

        Assert.Equal(3, listed.Assets);
        Assert.Equal(2, listed.Files);
        Assert.Equal("body { color: red }".Length + "<p>hi</p>".Length, listed.Bytes);
    }

    [Fact]
    public async Task Activate_switches_current_and_remembers_the_previous_release()
    {
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(First.Folder, activate: true);
        await new ReleasePublisher(container).PublishAsync(Second.Folder, activate: false);

        var after = await new ReleaseManager(container).ActivateAsync(Second.Id);

        Assert.Equal(Second.Id, after.ReleaseId);
        Assert.Equal([First.Id], after.History);
        var read = await CurrentPointer.ReadAsync(container, default);
        Assert.Equal((after.ReleaseId, after.ETag), (read.ReleaseId, read.ETag));
        Assert.Equal(after.History, read.History);
    }

    [Fact]
    public async Task Activating_a_release_with_a_missing_content_blob_is_refused_and_current_stays()
    {
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(First.Folder, activate: true);
        await new ReleasePublisher(container).PublishAsync(Second.Folder, activate: false);
        await container.GetBlobClient(ReleaseLayout.ContentPath(Second.Asset("/v.txt").Variants[1].Key)).DeleteAsync();

        var e = await Assert.ThrowsAsync<ReleaseStorageException>(() => new ReleaseManager(container).ActivateAsync(Second.Id));

        Assert.Contains($"release {Second.Id} is incomplete", e.Message, StringComparison.Ordinal);
        Assert.Equal(First.Id, (await CurrentPointer.ReadAsync(container, default)).ReleaseId);
    }

    [Fact]
    public async Task Activating_a_release_that_does_not_exist_says_so()
    {
        var container = await azurite.Server.CreateContainerAsync();

        var e = await Assert.ThrowsAsync<ReleaseStorageException>(() => new ReleaseManager(container).ActivateAsync("0123456789abcdef"));

        Assert.Contains("release 0123456789abcdef does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_activations_racing_from_the_same_current_one_wins_and_the_other_gets_a_conflict()
    {
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(First.Folder, activate: true);
        await new ReleasePublisher(container).PublishAsync(Second.Folder, activate: false);
        await new ReleasePublisher(container).PublishAsync(Third.Folder, activate: false);
        var seen = await CurrentPointer.ReadAsync(container, default);
        var manager = new ReleaseManager(container);

        var outcomes = await Task.WhenAll(
            Outcome(manager.ActivateAsync(Second.Id, seen)),
            Outcome(manager.ActivateAsync(Third.Id, seen)));

        var winner = Assert.Single(outcomes, o => o.Error is null);
        var loser = Assert.Single(outcomes, o => o.Error is not null);
        Assert.IsType<ReleaseConflictException>(loser.Error);
        Assert.Contains("another publisher won", loser.Error!.Message, StringComparison.Ordinal);
        var now = await CurrentPointer.ReadAsync(container, default);
        Assert.Equal(winner.Pointer!.ReleaseId, now.ReleaseId);
        Assert.Equal([First.Id], now.History);
    }

    [Fact]
    public async Task Two_first_activations_of_an_empty_container_one_wins()
    {
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(First.Folder, activate: false);
        await new ReleasePublisher(container).PublishAsync(Second.Folder, activate: false);
        var manager = new ReleaseManager(container);

        var outcomes = await Task.WhenAll(
            Outcome(manager.ActivateAsync(First.Id, CurrentPointer.None)),
            Outcome(manager.ActivateAsync(Second.Id, CurrentPointer.None)));

        Assert.Single(outcomes, o => o.Error is null);
        Assert.IsType<ReleaseConflictException>(Assert.Single(outcomes, o => o.Error is not null).Error);
    }

    [Fact]
    public async Task Rollback_returns_to_the_previously_active_release_and_then_the_one_before()
    {
        var container = await azurite.Server.CreateContainerAsync();
        foreach (var release in new[] { First, Second, Third })
            await new ReleasePublisher(container).PublishAsync(release.Folder, activate: true);
        var manager = new ReleaseManager(container);

        var once = await manager.RollbackAsync();
        var twice = await manager.RollbackAsync();

        Assert.Equal(Second.Id, once.ReleaseId);
        Assert.Equal(First.Id, twice.ReleaseId);
        Assert.Empty(twice.History);
        var e = await Assert.ThrowsAsync<ReleaseStorageException>(() => manager.RollbackAsync());
        Assert.Contains("nothing to roll back to", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_keeps_the_newest_and_the_active_release_and_the_content_they_share()
    {
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(First.Folder, activate: true);
        await new ReleasePublisher(container).PublishAsync(Second.Folder, activate: false);
        await new ReleasePublisher(container).PublishAsync(Third.Folder, activate: false);

        var summary = await new ReleaseManager(container).PruneAsync(keep: 1);

        // Third is newest; First is active (oldest); Second goes, with only the content no kept release refers to.
        Assert.Equal([Second.Id], summary.DeletedReleases);
        Assert.Equal(2, summary.DeletedContent);
        var present = await ContentInventory.ListKeysAsync(container, default);
        foreach (var kept in new[] { First, Third })
            Assert.All(kept.Index.Assets.SelectMany(a => a.Variants), v => Assert.Contains(v.Key, present));
        Assert.DoesNotContain(Second.Asset("/v.txt").Sha256, present);
        Assert.False(await container.GetBlobClient(ReleaseLayout.IndexPath(Second.Id)).ExistsAsync());
        await new ReleaseManager(container).ActivateAsync(Third.Id); // still complete
    }

    [Fact]
    public async Task Prune_keep_zero_still_keeps_the_active_release()
    {
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(First.Folder, activate: false);
        await new ReleasePublisher(container).PublishAsync(Second.Folder, activate: true);

        var summary = await new ReleaseManager(container).PruneAsync(keep: 0);

        Assert.Equal([First.Id], summary.DeletedReleases);
        Assert.Equal([Second.Id], (await new ReleaseManager(container).ListAsync()).Select(r => r.Id));
        await new ReleaseManager(container).ActivateAsync(Second.Id);
    }

    [Fact]
    public async Task Prune_leaves_content_that_no_index_names_yet()
    {
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(First.Folder, activate: true);
        await new ReleasePublisher(container).PublishAsync(Second.Folder, activate: false);
        // A publish in progress: its content is up, its index not yet.
        var inFlight = ReleaseLayout.ContentPath(new string('e', 64));
        await container.GetBlobClient(inFlight).UploadAsync(BinaryData.FromString("in flight"));

        await new ReleaseManager(container).PruneAsync(keep: 0);

        Assert.True(await container.GetBlobClient(inFlight).ExistsAsync());
    }

    [Fact]
    public async Task Rollback_to_a_release_deleted_out_of_band_says_it_does_not_exist_and_current_stays()
    {
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(First.Folder, activate: true);
        await new ReleasePublisher(container).PublishAsync(Second.Folder, activate: true);
        await container.GetBlobClient(ReleaseLayout.IndexPath(First.Id)).DeleteAsync();

        var e = await Assert.ThrowsAsync<ReleaseStorageException>(() => new ReleaseManager(container).RollbackAsync());

        Assert.Contains($"release {First.Id} does not exist", e.Message, StringComparison.Ordinal);
        Assert.Equal(Second.Id, (await CurrentPointer.ReadAsync(container, default)).ReleaseId);
    }

    [Fact]
    public async Task Prune_keep_zero_keeps_the_release_a_rollback_would_switch_to_and_rollback_then_works()
    {
        var container = await azurite.Server.CreateContainerAsync();
        foreach (var release in new[] { First, Second, Third })
            await new ReleasePublisher(container).PublishAsync(release.Folder, activate: true);
        var manager = new ReleaseManager(container);

        var summary = await manager.PruneAsync(keep: 0);
        var after = await manager.RollbackAsync();

        Assert.Equal([First.Id], summary.DeletedReleases);
        Assert.Equal([Third.Id, Second.Id], summary.KeptReleases);
        Assert.Equal(Second.Id, summary.RollbackTarget);
        Assert.Equal(Second.Id, after.ReleaseId);
    }

    [Fact]
    public async Task Prune_keep_one_keeps_the_newest_the_active_and_the_rollback_target_and_rollback_then_works()
    {
        var container = await azurite.Server.CreateContainerAsync();
        foreach (var release in new[] { First, Second, Third })
            await new ReleasePublisher(container).PublishAsync(release.Folder, activate: true);
        await new ReleasePublisher(container).PublishAsync(Fourth.Folder, activate: false);
        var manager = new ReleaseManager(container);

        var summary = await manager.PruneAsync(keep: 1);
        var after = await manager.RollbackAsync();

        // Fourth is newest, Third active, Second the rollback target; only First goes.
        Assert.Equal([First.Id], summary.DeletedReleases);
        Assert.Equal([Fourth.Id, Third.Id, Second.Id], summary.KeptReleases);
        Assert.Equal(Second.Id, after.ReleaseId);
    }

    [Fact]
    public async Task Prune_removes_the_releases_it_deletes_from_the_history_and_keeps_the_order_of_the_rest()
    {
        var container = await azurite.Server.CreateContainerAsync();
        foreach (var release in new[] { First, Second, Third, Fourth })
            await new ReleasePublisher(container).PublishAsync(release.Folder, activate: false);
        var manager = new ReleaseManager(container);
        foreach (var release in new[] { Third, First, Second, Fourth })
            await manager.ActivateAsync(release.Id);

        // History [Second, First, Third]: Fourth and Third are the newest, Second the rollback target; First goes.
        var summary = await manager.PruneAsync(keep: 2);

        Assert.Equal([First.Id], summary.DeletedReleases);
        Assert.Equal([Second.Id, Third.Id], (await CurrentPointer.ReadAsync(container, default)).History);
        Assert.Equal(Second.Id, (await manager.RollbackAsync()).ReleaseId);
        Assert.Equal(Third.Id, (await manager.RollbackAsync()).ReleaseId);
        var e = await Assert.ThrowsAsync<ReleaseStorageException>(() => manager.RollbackAsync());
        Assert.Contains("nothing to roll back to", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_leaves_in_the_history_a_rollback_target_deleted_out_of_band_so_rollback_still_says_so()
    {
        var container = await azurite.Server.CreateContainerAsync();
        foreach (var release in new[] { First, Second, Third })
            await new ReleasePublisher(container).PublishAsync(release.Folder, activate: true);
        await container.GetBlobClient(ReleaseLayout.IndexPath(Second.Id)).DeleteAsync();
        var manager = new ReleaseManager(container);

        var summary = await manager.PruneAsync(keep: 0);

        Assert.Equal([First.Id], summary.DeletedReleases);
        Assert.Null(summary.RollbackTarget);
        Assert.Equal([Second.Id], (await CurrentPointer.ReadAsync(container, default)).History);
        var e = await Assert.ThrowsAsync<ReleaseStorageException>(() => manager.RollbackAsync());
        Assert.Contains($"release {Second.Id} does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_racing_a_rollback_fails_naming_the_container_and_deletes_nothing()
    {
        var container = await azurite.Server.CreateContainerAsync();
        foreach (var release in new[] { First, Second, Third })
            await new ReleasePublisher(container).PublishAsync(release.Folder, activate: true);
        var manager = new ReleaseManager(container);
        var seen = await CurrentPointer.ReadAsync(container, default);
        var contentBefore = await ContentInventory.ListKeysAsync(container, default);
        // After the prune read `current` (Third, history [Second, First]), a rollback makes First the rollback target.
        var rolledBack = await manager.RollbackAsync();

        var e = await Assert.ThrowsAsync<ReleaseConflictException>(() => manager.PruneAsync(keep: 0, seen, default));

        Assert.StartsWith($"container '{container.Name}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was deleted", e.Message, StringComparison.Ordinal);
        Assert.Equal([Third.Id, Second.Id, First.Id], (await manager.ListAsync()).Select(r => r.Id));
        Assert.Equal(contentBefore.Order(), (await ContentInventory.ListKeysAsync(container, default)).Order());
        var now = await CurrentPointer.ReadAsync(container, default);
        Assert.Equal((rolledBack.ReleaseId, rolledBack.ETag), (now.ReleaseId, now.ETag));
        Assert.Equal([First.Id], now.History);
    }

    private sealed record ActivationOutcome(CurrentPointer? Pointer, Exception? Error);

    private static async Task<ActivationOutcome> Outcome(Task<CurrentPointer> activation)
    {
        try
        {
            return new ActivationOutcome(await activation, null);
        }
        catch (ReleaseStorageException e)
        {
            return new ActivationOutcome(null, e);
        }
    }
}
