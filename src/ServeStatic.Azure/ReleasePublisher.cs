using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServeStatic.Build;
using ServeStatic.Index;

namespace ServeStatic.Azure;

/// <summary>
/// Uploads a release folder to a container in the release layout: the content blobs the container lacks (in parallel,
/// each created only if absent, so a concurrent publisher cannot clobber one), then the index, then, when asked, the
/// switch of <c>current</c>. A publish that fails part-way leaves the live release untouched: content blobs are
/// immutable and unreferenced until an index names them, and <c>current</c> moves last. The publish holds the folder's
/// lock for reading (<see cref="FolderReleaseStore.LockForReading"/>) throughout, so a build or prune of the folder (a
/// <c>servestatic build --keep N</c> beside it) waits, and never deletes content it is uploading.
/// </summary>
public sealed class ReleasePublisher(BlobContainerClient container, int parallelism = 8)
{
    private readonly string _where = ReleaseContainer.Describe(container);

    /// <summary>
    /// Publishes the release the folder's <c>current</c> names (or its only index when it has no <c>current</c>), once every
    /// content file the index refers to is there with the recorded size (<see cref="FolderContentCheck"/>).
    /// </summary>
    /// <exception cref="InvalidReleaseException">The folder is not a usable release, or a file does not match its recorded hash.</exception>
    /// <exception cref="ReleaseConflictException">Activation lost a race with another publisher.</exception>
    /// <exception cref="ReleaseStorageException">The container is unreachable, missing, or refuses access.</exception>
    public async Task<PublishSummary> PublishAsync(
        string releaseFolder, bool activate, IProgress<PublishProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var store = FolderReleaseStore.Open(releaseFolder);
        using var reading = store.LockForReading(waiting: null, cancellationToken);
        var release = FolderRelease.Read(store);
        try
        {
            return await PublishAsync(release, activate, progress, cancellationToken);
        }
        catch (Exception e) when (BlobStorageFailure.IsStorageFailure(e))
        {
            throw new ReleaseStorageException($"{_where}: publishing release {release.Id} failed: {BlobStorageFailure.Explain(e)}", e);
        }
    }

    private async Task<PublishSummary> PublishAsync(
        FolderRelease release, bool activate, IProgress<PublishProgress>? progress, CancellationToken cancellationToken)
    {
        // The switch is conditional on `current` as it was when this publish began: two racing publishers both see
        // the same ETag, and only the first switch can match it.
        var before = activate ? await CurrentPointer.ReadAsync(container, cancellationToken) : null;

        var referenced = ContentInventory.Referenced(release.Index);
        var present = await ContentInventory.ListKeysAsync(container, cancellationToken);
        var missing = referenced.Where(r => !present.Contains(r.Key)).ToList();
        int settled = referenced.Count - missing.Count, uploaded = 0, alreadyPresent = settled;
        long bytes = 0;
        progress?.Report(new PublishProgress(settled, referenced.Count, 0));

        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (entry, ct) =>
            {
                var (asset, variant) = entry.Value;
                var created = await UploadContentAsync(release, asset, variant, ct);
                if (created)
                {
                    Interlocked.Increment(ref uploaded);
                    Interlocked.Add(ref bytes, variant.Size);
                }
                else
                {
                    Interlocked.Increment(ref alreadyPresent);
                }
                progress?.Report(new PublishProgress(Interlocked.Increment(ref settled), referenced.Count, Interlocked.Read(ref bytes)));
            });

        // Every blob is in place before an index may name them (a concurrent prune could have removed one we found).
        ContentInventory.EnsureComplete(release.Id, referenced.Keys, await ContentInventory.ListKeysAsync(container, cancellationToken), _where);
        await UploadIndexAsync(release, cancellationToken);

        if (activate)
            await new ReleaseManager(container).ActivateAsync(release.Id, before, verified: true, cancellationToken);
        return new PublishSummary(release.Id, uploaded, alreadyPresent, bytes, activate, before?.ReleaseId);
    }

    /// <summary>Creates <c>content/&lt;key&gt;</c> if absent. False when it was already there (409/412: someone else created it).</summary>
    private async Task<bool> UploadContentAsync(FolderRelease release, AssetRecord asset, VariantRecord variant, CancellationToken cancellationToken)
    {
        var file = release.Store.ContentFile(variant.Key);
        await VerifyAsync(file, variant, cancellationToken);
        var options = new BlobUploadOptions
        {
            // RFC 9110 §13.1.2: If-None-Match: * creates the blob only if it does not exist.
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders
            {
                ContentType = asset.ContentType,
                // dcz too: a client of the storage that cannot decode a delta fails rather than taking it for the file
                // (docs/dictionary-transport.md, "Blob storage").
                ContentEncoding = variant.Encoding == ContentEncoding.Identity ? null : variant.Encoding.Token(),
                CacheControl = BlobHeaders.ContentCacheControl,
            },
        };
        try
        {
            await using var stream = File.OpenRead(file);
            await container.GetBlobClient(ReleaseLayout.ContentPath(variant.Key)).UploadAsync(stream, options, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Never uploads bytes that do not match the index: a content blob is trusted by its key forever after.</summary>
    private static async Task VerifyAsync(string file, VariantRecord variant, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        if (hash != variant.Sha256)
            throw new InvalidReleaseException(file, $"its SHA-256 is {hash}, the index records {variant.Sha256}");
    }

    /// <summary>Creates <c>releases/&lt;id&gt;.json</c>; an existing one must be byte-identical, or the id names two different releases.</summary>
    private async Task UploadIndexAsync(FolderRelease release, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(ReleaseLayout.IndexPath(release.Id));
        var totals = ReleaseTotals.Of(release.Index);
        var options = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = BlobHeaders.IndexContentType, CacheControl = BlobHeaders.IndexCacheControl },
            Metadata = new Dictionary<string, string>
            {
                [BlobHeaders.AssetsMetadata] = totals.Assets.ToString(CultureInfo.InvariantCulture),
                [BlobHeaders.FilesMetadata] = totals.Files.ToString(CultureInfo.InvariantCulture),
                [BlobHeaders.BytesMetadata] = totals.IdentityBytes.ToString(CultureInfo.InvariantCulture),
                [BlobHeaders.PublishedMetadata] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            },
        };
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(release.IndexBytes), options, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            var existing = await blob.DownloadContentAsync(cancellationToken);
            if (!existing.Value.Content.ToMemory().Span.SequenceEqual(release.IndexBytes))
                throw new ReleaseStorageException($"{_where}: {ReleaseLayout.IndexPath(release.Id)} already exists with a different index; a release id names one index forever", e);
        }
    }

    /// <summary>The release a publish uploads: its id, its index (validated) and the exact bytes of the index document.</summary>
    private sealed record FolderRelease(FolderReleaseStore Store, string Id, ReleaseIndex Index, byte[] IndexBytes)
    {
        /// <exception cref="InvalidReleaseException">The folder holds no single release to publish, or its content is not as its index records.</exception>
        public static FolderRelease Read(FolderReleaseStore store)
        {
            var id = File.Exists(store.CurrentFile) ? store.ReadCurrent() : OnlyRelease(store);
            var bytes = store.ReadIndexBytes(id);
            var index = IndexSerializer.Deserialize(bytes, store.IndexFile(id));
            FolderContentCheck.ThrowOnFault(store.ContentFolder, index, id, ContentCheck.Size);
            return new FolderRelease(store, id, index, bytes);
        }

        private static string OnlyRelease(FolderReleaseStore store) => store.NewestFirst() is [var only] ? only
            : throw new InvalidReleaseException(store.Root, $"there is no '{ReleaseLayout.Current}' file and {store.NewestFirst().Count} indexes in releases/, so which release to publish is unclear");
    }
}
