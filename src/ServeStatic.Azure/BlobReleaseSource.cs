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
public sealed class BlobReleaseSource : IReleaseSource
{
    private static readonly TimeSpan MaxStartupBackoff = TimeSpan.FromSeconds(30);

    private readonly BlobContainerClient _container;
    private readonly BlobStorageOptions _options;
    private readonly ILogger _logger;
    private readonly ContentBlobReader _reader;
    private readonly Lock _lock = new();
    private Loaded? _loaded;
    private ETag? _seen;
    private bool _seenAny;
    private Dictionary<string, ReleaseIndex> _indexes = new(StringComparer.Ordinal);

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
    public async Task<LoadedRelease> LoadCurrentAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return await LoadOnceAsync(cancellationToken);
            }
            catch (Exception e) when (BlobStorageFailure.IsTransient(e) && _loaded is null && !cancellationToken.IsCancellationRequested)
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

    /// <summary>Completes when <c>current</c> differs from the last one loaded (or refused); checks every <see cref="BlobStorageOptions.PollInterval"/>.</summary>
    public async Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(_options.PollInterval, cancellationToken);
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

    private async Task<LoadedRelease> LoadOnceAsync(CancellationToken cancellationToken)
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

        // The same pointer as the release being served (a refresh after a miss): nothing to read.
        if (_loaded is { } loaded && loaded.ETag == pointer.ETag)
            return loaded.Release;

        var indexes = new Dictionary<string, ReleaseIndex>(StringComparer.Ordinal);
        ReleaseIndex index;
        try
        {
            index = await ReadIndexAsync(pointer.ReleaseId!, indexes, cancellationToken);
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
                previous.Add(await ReadIndexAsync(id, indexes, cancellationToken));
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
        lock (_lock)
        {
            _indexes = indexes;
            _loaded = new Loaded(pointer.ETag!.Value, release);
        }
        Seen(pointer.ETag);
        return release;
    }

    /// <summary>An index, parsed and validated; indexes are immutable, so the ones the last load read are reused.</summary>
    private async Task<ReleaseIndex> ReadIndexAsync(string releaseId, Dictionary<string, ReleaseIndex> into, CancellationToken cancellationToken)
    {
        Dictionary<string, ReleaseIndex> known;
        lock (_lock)
            known = _indexes;
        if (!known.TryGetValue(releaseId, out var index))
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
            index = IndexSerializer.Deserialize(content.ToMemory().Span, $"{Description}: {path}");
        }
        into[releaseId] = index;
        return index;
    }

    private void Seen(ETag? etag)
    {
        lock (_lock)
        {
            _seen = etag;
            _seenAny = true;
        }
    }

    private sealed record Loaded(ETag ETag, LoadedRelease Release);
}
