using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServeStatic.Build;
using ServeStatic.Index;

namespace ServeStatic.Azure;

/// <summary>
/// Lists, switches, rolls back and prunes the releases of a container. Every switch is one conditional write of
/// <c>current</c>, which carries the history of previously active releases in its metadata (see docs/blob-storage.md).
/// </summary>
public sealed class ReleaseManager(BlobContainerClient container)
{
    private readonly string _where = ReleaseContainer.Describe(container);

    /// <summary>Every release with an index in the container, newest first.</summary>
    public Task<IReadOnlyList<ReleaseInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        Guard("listing releases", async () => await ListAsync(await CurrentPointer.ReadAsync(container, cancellationToken), cancellationToken));

    /// <param name="current"><c>current</c> as read by the caller: it decides which release is marked active.</param>
    private async Task<IReadOnlyList<ReleaseInfo>> ListAsync(CurrentPointer current, CancellationToken cancellationToken)
    {
        var releases = new List<ReleaseInfo>();
        await foreach (var blob in container.GetBlobsAsync(
            new GetBlobsOptions { Prefix = ReleaseLayout.ReleasesPrefix, Traits = BlobTraits.Metadata }, cancellationToken))
        {
            if (ReleaseId(blob.Name) is not { } id)
                continue;
            var (assets, files, bytes) = await SizeAsync(id, blob.Metadata, cancellationToken);
            releases.Add(new ReleaseInfo(id, Created(blob), assets, bytes, id == current.ReleaseId) { Files = files });
        }
        return releases.OrderByDescending(r => r.Created).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Points <c>current</c> at a release after checking that its index and every content blob it names are present.
    /// The switch is conditional on <paramref name="expected"/> (as read now, when null).
    /// </summary>
    /// <returns><c>current</c> after the switch; its history starts with the release that was active before.</returns>
    /// <exception cref="ReleaseConflictException">Someone else switched <c>current</c> since <paramref name="expected"/> was read.</exception>
    /// <exception cref="ReleaseStorageException">The release is missing or incomplete, or the container fails.</exception>
    public Task<CurrentPointer> ActivateAsync(string releaseId, CurrentPointer? expected = null, CancellationToken cancellationToken = default) =>
        ActivateAsync(releaseId, expected, verified: false, cancellationToken);

    /// <param name="verified">True when the caller (the publisher) has just checked that every blob of the release is present.</param>
    internal Task<CurrentPointer> ActivateAsync(string releaseId, CurrentPointer? expected, bool verified, CancellationToken cancellationToken) =>
        Guard($"activating release {releaseId}", async () =>
        {
            var before = expected ?? await CurrentPointer.ReadAsync(container, cancellationToken);
            if (!verified)
                await EnsureCompleteAsync(releaseId, cancellationToken);
            if (before.ReleaseId == releaseId)
                return before;
            IReadOnlyList<string> history = before.ReleaseId is { } previous
                ? [previous, .. before.History.Where(h => h != previous && h != releaseId)]
                : before.History;
            return await CurrentPointer.SwitchAsync(container, before, releaseId, history, cancellationToken);
        });

    /// <summary>Points <c>current</c> back at the previously active release and drops it from the history.</summary>
    /// <returns><c>current</c> after the switch.</returns>
    /// <exception cref="ReleaseStorageException">There is no previous release, it was pruned, or the container fails.</exception>
    public Task<CurrentPointer> RollbackAsync(CancellationToken cancellationToken = default) =>
        Guard("rolling back", async () =>
        {
            var before = await CurrentPointer.ReadAsync(container, cancellationToken);
            if (before.ReleaseId is null)
                throw new ReleaseStorageException($"{_where}: there is no active release to roll back from");
            if (before.History.Count == 0)
                throw new ReleaseStorageException($"{_where}: release {before.ReleaseId} is active and no earlier release was active before it, so there is nothing to roll back to");
            var target = before.History[0];
            await EnsureCompleteAsync(target, cancellationToken);
            return await CurrentPointer.SwitchAsync(container, before, target, before.History.Skip(1).ToArray(), cancellationToken);
        });

    /// <summary>
    /// Deletes all but the <paramref name="keep"/> newest releases, then the content blobs that only deleted releases
    /// referred to, by the <see cref="PrunePlan"/> a release folder's prune uses: the active release and the one a
    /// rollback would switch to (the first of the history) are always kept, whatever their age. Before anything is
    /// deleted, the deleted ids leave <c>current</c>'s history in one conditional write, so no rollback can name a pruned
    /// release. Content no index refers to (an unfinished publish's) is left alone, so a prune cannot pull blobs from
    /// under a publish in progress.
    /// </summary>
    /// <exception cref="ReleaseConflictException"><c>current</c> changed since the prune read it; nothing was deleted.</exception>
    /// <exception cref="ReleaseStorageException">The container fails.</exception>
    public Task<PruneResult> PruneAsync(int keep, CancellationToken cancellationToken = default) =>
        PruneAsync(keep, expected: null, cancellationToken);

    /// <param name="expected"><c>current</c> as the caller read it: what to keep is decided on it and the prune is conditional on it (as read now, when null).</param>
    internal Task<PruneResult> PruneAsync(int keep, CurrentPointer? expected, CancellationToken cancellationToken) =>
        Guard("pruning releases", async () =>
        {
            ArgumentOutOfRangeException.ThrowIfNegative(keep);
            var before = expected ?? await CurrentPointer.ReadAsync(container, cancellationToken);
            var releases = await ListAsync(before, cancellationToken);
            var plan = PrunePlan.For([.. releases.Select(r => r.Id)], keep, before.ReleaseId, before.History.FirstOrDefault());
            if (plan.DeletedReleases.Count == 0)
                return plan.Done(0);

            var orphaned = PrunePlan.ContentOnlyIn(await ReadIndexesAsync(plan.DeletedReleases, cancellationToken), await ReadIndexesAsync(plan.KeptReleases, cancellationToken));
            await ForgetAsync(before, plan.DeletedReleases, cancellationToken);
            // Indexes first: a release is never listed while its content is half deleted.
            foreach (var id in plan.DeletedReleases)
                await container.GetBlobClient(ReleaseLayout.IndexPath(id)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            var deleted = 0;
            await Parallel.ForEachAsync(orphaned, cancellationToken, async (key, ct) =>
            {
                if (await container.GetBlobClient(ReleaseLayout.ContentPath(key)).DeleteIfExistsAsync(cancellationToken: ct))
                    Interlocked.Increment(ref deleted);
            });
            return plan.Done(deleted);
        });

    private async Task<List<ReleaseIndex>> ReadIndexesAsync(IEnumerable<string> releaseIds, CancellationToken cancellationToken)
    {
        var indexes = new List<ReleaseIndex>();
        foreach (var id in releaseIds)
            indexes.Add(await ReadIndexAsync(id, cancellationToken));
        return indexes;
    }

    /// <summary>
    /// Drops the releases a prune is about to delete from <c>current</c>'s history, with the conditional write of a
    /// switch on <c>current</c> as the prune read it. It writes even when the history has none of them: the write is
    /// what makes the prune stop when an activate or rollback raced it, since what to keep was decided on the old pointer.
    /// </summary>
    /// <exception cref="ReleaseConflictException"><c>current</c> changed since <paramref name="before"/> was read.</exception>
    private async Task ForgetAsync(CurrentPointer before, IReadOnlyList<string> doomed, CancellationToken cancellationToken)
    {
        // No `current` yet: there is no history to fix and no ETag to be conditional on.
        if (before.ReleaseId is not { } active)
            return;
        try
        {
            await CurrentPointer.SwitchAsync(container, before, active, before.History.Where(h => !doomed.Contains(h)).ToArray(), cancellationToken);
        }
        catch (ReleaseConflictException e)
        {
            throw new ReleaseConflictException(
                $"{_where}: 'current' changed while pruning (a release was activated or rolled back); nothing was deleted, run the prune again", e);
        }
    }

    internal async Task<ReleaseIndex> ReadIndexAsync(string releaseId, CancellationToken cancellationToken)
    {
        var path = ReleaseLayout.IndexPath(releaseId);
        try
        {
            var download = await container.GetBlobClient(path).DownloadContentAsync(cancellationToken);
            return IndexSerializer.Deserialize(download.Value.Content.ToMemory().Span, $"{_where}: {path}");
        }
        catch (global::Azure.RequestFailedException e) when (e.Status == 404 && e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            throw new ReleaseStorageException($"{_where}: release {releaseId} does not exist ({path} is missing)", e);
        }
    }

    private async Task EnsureCompleteAsync(string releaseId, CancellationToken cancellationToken)
    {
        if (!ReleaseLayout.IsSafeName(releaseId))
            throw new ReleaseStorageException($"{_where}: \"{releaseId}\" is not a release id");
        var index = await ReadIndexAsync(releaseId, cancellationToken);
        var present = await ContentInventory.ListKeysAsync(container, cancellationToken);
        ContentInventory.EnsureComplete(releaseId, index.ContentKeys(), present, _where);
    }

    private async Task<(int Assets, int Files, long Bytes)> SizeAsync(string releaseId, IDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        if (metadata.TryGetValue(BlobHeaders.AssetsMetadata, out var a) && int.TryParse(a, CultureInfo.InvariantCulture, out var assets)
            && metadata.TryGetValue(BlobHeaders.FilesMetadata, out var f) && int.TryParse(f, CultureInfo.InvariantCulture, out var files)
            && metadata.TryGetValue(BlobHeaders.BytesMetadata, out var b) && long.TryParse(b, CultureInfo.InvariantCulture, out var bytes))
            return (assets, files, bytes);
        // Uploaded by another tool, or by a version that did not record files: read the index itself.
        var totals = ReleaseTotals.Of(await ReadIndexAsync(releaseId, cancellationToken));
        return (totals.Assets, totals.Files, totals.IdentityBytes);
    }

    private static DateTimeOffset Created(BlobItem blob) =>
        blob.Metadata.TryGetValue(BlobHeaders.PublishedMetadata, out var published)
        && DateTimeOffset.TryParseExact(published, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at
            : blob.Properties.CreatedOn ?? DateTimeOffset.MinValue;

    private static string? ReleaseId(string blobName)
    {
        if (!blobName.EndsWith(ReleaseLayout.IndexSuffix, StringComparison.Ordinal))
            return null;
        var id = blobName[ReleaseLayout.ReleasesPrefix.Length..^ReleaseLayout.IndexSuffix.Length];
        return ReleaseLayout.IsSafeName(id) ? id : null;
    }

    /// <summary>Turns a storage failure into one sentence naming the container; conflicts and our own messages pass through.</summary>
    private async Task<T> Guard<T>(string doing, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (BlobStorageFailure.IsStorageFailure(e))
        {
            throw new ReleaseStorageException($"{_where}: {doing} failed: {BlobStorageFailure.Explain(e)}", e);
        }
    }
}
