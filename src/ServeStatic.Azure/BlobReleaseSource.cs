using System.Collections.Frozen;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using ServeStatic.Index;
using ServeStatic.Sources;

namespace ServeStatic.Azure;

/// <summary>
/// Releases in a blob container. Loading reads <c>current</c> and the index it names (and the indexes of the previously
/// active releases, whose fingerprinted assets stay servable for pages rendered before a switch); watching polls
/// <c>current</c> with <c>If-None-Match</c> on its ETag, so an unchanged pointer costs one 304.
/// </summary>
internal sealed class BlobReleaseSource : IReleaseSource
{
    private static readonly TimeSpan MaxStartupBackoff = TimeSpan.FromSeconds(30);

    private readonly BlobContainerClient _container;
    private readonly BlobStorageOptions _options;
    private readonly ILogger _logger;
    private readonly ContentBlobReader _reader;
    private readonly Lock _lock = new();
    private volatile bool _loadedAny;
    private ETag? _seen;
    private bool _seenAny;

    public BlobReleaseSource(BlobContainerClient container, BlobStorageOptions options, ILogger<BlobReleaseSource> logger)
    {
        _container = container;
        _options = options;
        _logger = logger;
        _reader = new ContentBlobReader(container, options, logger);
        Description = "blob " + ReleaseContainer.Describe(container);
    }

    public string Description { get; }

    /// <summary>The bytes the body cache holds now.</summary>
    public long CachedBytes => _reader.CachedBytes;

    /// <summary>
    /// Loads the release <c>current</c> names. Before any release has loaded, an unreachable container is retried here
    /// with exponential backoff (1 s, 2 s, … 30 s), logging each attempt; afterwards a failure is the caller's to report.
    /// </summary>
    /// <exception cref="NoCurrentReleaseException">The container has no <c>current</c> blob.</exception>
    /// <exception cref="InvalidReleaseException">The pointer or index is unusable (refused and logged; the previous release keeps serving).</exception>
    /// <exception cref="ReleaseStorageException">The container cannot be read (missing, access denied, unreachable after start-up).</exception>
    public async Task<LoadedRelease?> LoadCurrentAsync(string? servedId, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return await LoadOnceAsync(servedId, cancellationToken);
            }
            catch (Exception e) when (BlobStorageFailure.IsTransient(e) && !_loadedAny && !cancellationToken.IsCancellationRequested)
            {
                _logger.UnreachableAtStart(Description, BlobStorageFailure.Explain(e), backoff.TotalSeconds);
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxStartupBackoff.Ticks));
            }
            catch (Exception e) when (BlobStorageFailure.IsStorageFailure(e, cancellationToken))
            {
                throw new ReleaseStorageException($"{Description}: {BlobStorageFailure.Explain(e)}", e);
            }
        }
    }

    /// <summary>Completes when <c>current</c> differs from the last one loaded (or refused); checks every <see cref="BlobStorageOptions.PollSeconds"/>.</summary>
    public async Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(_options.PollSeconds), cancellationToken);
            if (await HasChangedAsync(cancellationToken))
                return;
        }
    }

    /// <summary>One conditional request: RFC 9110 §13.1.2, If-None-Match on the ETag seen last; 304 means unchanged.</summary>
    private async Task<bool> HasChangedAsync(CancellationToken cancellationToken)
    {
        ETag? seen;
        lock (_lock)
        {
            if (!_seenAny)
                return true;
            seen = _seen;
        }
        try
        {
            var conditions = seen is { } etag ? new BlobRequestConditions { IfNoneMatch = etag } : null;
            await _container.GetBlobClient(ReleaseLayout.Current).GetPropertiesAsync(conditions, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 304)
        {
            return false;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return seen is not null; // gone: loading will say so; still absent: nothing new
        }
        catch (Exception e) when (BlobStorageFailure.IsStorageFailure(e, cancellationToken))
        {
            _logger.WatchFailed(Description, BlobStorageFailure.Explain(e));
            return false;
        }
    }

    private async Task<LoadedRelease?> LoadOnceAsync(string? servedId, CancellationToken cancellationToken)
    {
        CurrentPointer pointer;
        try
        {
            var download = await _container.GetBlobClient(ReleaseLayout.Current).DownloadContentAsync(cancellationToken);
            pointer = CurrentPointer.FromDownload(download.Value, Description);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            Seen(null);
            throw new NoCurrentReleaseException($"{Description}: there is no 'current' blob: publish a release with `servestatic publish … --activate`", e);
        }
        catch (InvalidReleaseException)
        {
            Seen(null);
            throw;
        }

        // The release being served (a refresh after a miss): nothing more to read.
        if (pointer.ReleaseId == servedId)
        {
            Seen(pointer.ETag);
            return null;
        }

        ReleaseIndex index;
        try
        {
            index = await ReadIndexAsync(pointer.ReleaseId!, cancellationToken);
        }
        catch (InvalidReleaseException e)
        {
            Seen(pointer.ETag);
            _logger.IndexRefused(pointer.ReleaseId!, Description, e.Message);
            throw;
        }

        var previous = new List<ReleaseIndex>();
        foreach (var id in pointer.History.Where(h => h != pointer.ReleaseId).Take(_options.PreviousReleases))
        {
            try
            {
                previous.Add(await ReadIndexAsync(id, cancellationToken));
            }
            catch (Exception e) when (e is InvalidReleaseException || BlobStorageFailure.IsStatus(e, 404))
            {
                _logger.PreviousReleaseSkipped(id, Description, e.Message);
            }
        }

        var served = index.WithImmutableAssetsOf(previous);
        if (previous.Count > 0)
            _logger.PreviousAssetsKept(pointer.ReleaseId!, Description, served.Assets.Count - index.Assets.Count, previous.Count);
        var variants = served.Assets.SelectMany(a => a.Variants)
            .DistinctBy(v => v.Key, StringComparer.Ordinal)
            .ToFrozenDictionary(v => v.Key, StringComparer.Ordinal);
        var release = new LoadedRelease(pointer.ReleaseId!, served, new BlobContentStore(_reader, variants));
        _loadedAny = true;
        Seen(pointer.ETag);
        return release;
    }

    /// <summary>
    /// An index, parsed and validated. Read again at each switch rather than kept: a switch is rare, and an index held
    /// between switches would cost as much memory as the snapshot serving it.
    /// </summary>
    private async Task<ReleaseIndex> ReadIndexAsync(string releaseId, CancellationToken cancellationToken)
    {
        var path = ReleaseLayout.IndexPath(releaseId);
        BinaryData content;
        try
        {
            content = (await _container.GetBlobClient(path).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            throw new InvalidReleaseException($"{Description}: {path}", "'current' names a release whose index does not exist", e);
        }
        return IndexSerializer.Deserialize(content.ToMemory().Span, $"{Description}: {path}");
    }

    private void Seen(ETag? etag)
    {
        lock (_lock)
        {
            _seen = etag;
            _seenAny = true;
        }
    }
}
