using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ServeStatic.Index;

namespace ServeStatic.Sources;

/// <summary>
/// A release folder on disk (the deployment package, or the output of <c>servestatic build</c>), read through its
/// <see cref="FolderReleaseStore"/>: <c>current</c>, then <c>releases/&lt;id&gt;.json</c>; bodies come from <c>content/</c>. The fingerprinted assets of the newest other releases in
/// the folder stay servable, so a page rendered before a switch (cached at a CDN or in a browser) still finds its assets.
/// A package folder never changes, so by default nothing is watched; given a poll interval (<c>servestatic serve</c> of a
/// folder that <c>servestatic build</c> may write again), a change of <c>current</c> is noticed.
/// </summary>
internal sealed class FolderSource : IReleaseSource
{
    /// <summary>How many other releases of the folder keep their fingerprinted assets servable, unless told otherwise.</summary>
    public const int DefaultPreviousReleases = 2;

    private readonly FolderReleaseStore _store;
    private readonly TimeSpan? _pollInterval;
    private readonly int _previousReleases;
    private readonly ILogger _logger;
    private volatile string? _currentId;

    /// <param name="folder">The release folder: the one that holds <c>current</c>, <c>releases/</c> and <c>content/</c>.</param>
    /// <param name="pollInterval">How often to look at <c>current</c>; null never looks.</param>
    /// <param name="previousReleases">How many of the newest other releases in the folder keep their fingerprinted assets servable.</param>
    /// <param name="logger">Where a previous release that cannot be read is reported.</param>
    public FolderSource(string folder, TimeSpan? pollInterval = null, int previousReleases = DefaultPreviousReleases, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(previousReleases);
        _store = FolderReleaseStore.At(folder);
        _pollInterval = pollInterval;
        _previousReleases = previousReleases;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Description => $"folder {_store.Root}";

    /// <summary>Reads the small pointer and the indexes synchronously: a load is parsing and checking, not waiting.</summary>
    public Task<LoadedRelease?> LoadCurrentAsync(string? servedId, CancellationToken cancellationToken)
    {
        var id = _store.ReadCurrent();
        _currentId = id;
        // Ids are content hashes: the same id is the same release (a refresh after a miss reads nothing more).
        if (id == servedId)
            return Task.FromResult<LoadedRelease?>(null);
        // Every content file the release names must be a regular file of the recorded size (one stat per file): a missing,
        // truncated or padded file, or one replaced by a link, is refused at load (the last good release keeps serving) instead
        // of answering 500 or a body that contradicts its Content-Length. The bytes are hashed only for the bodies held in
        // memory (AssetIndex); `servestatic inspect --verify` hashes them all. Checked while the load goes on: from the first
        // asset read, through the previous releases here and the snapshot in AssetIndex.Load, which waits for the check.
        var sizes = new ContentSizeCheckWhileReading(_store.ContentFolder, id);
        ReleaseIndex index;
        try
        {
            index = _store.ReadIndex(id, sizes.Add);
        }
        catch
        {
            sizes.Abandon();
            throw;
        }
        var contentChecked = sizes.Complete();

        var previous = new List<ReleaseIndex>();
        HashSet<string>? found = null;
        foreach (var previousId in _store.NewestFirst().Where(other => other != id).Take(_previousReleases))
        {
            try
            {
                // What the current release names is its own check's: if that fails, nothing of this load serves.
                found ??= index.ContentKeys().ToHashSet(StringComparer.Ordinal);
                previous.Add(ReadPrevious(previousId, found));
            }
            catch (InvalidReleaseException e)
            {
                _logger.PreviousReleaseSkipped(previousId, Description, e.Message);
            }
        }
        var served = index.WithImmutableAssetsOf(previous);
        if (previous.Count > 0)
            _logger.PreviousAssetsKept(id, Description, served.Assets.Count - index.Assets.Count, previous.Count);

        return Task.FromResult<LoadedRelease?>(new LoadedRelease(id, served, new FolderContentStore(_store.ContentFolder)) { ContentChecked = contentChecked });
    }

    public async Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        if (_pollInterval is not { } interval)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return;
        }
        while (true)
        {
            await Task.Delay(interval, cancellationToken);
            try
            {
                if ((await File.ReadAllTextAsync(_store.CurrentFile, cancellationToken)).Trim() != _currentId)
                    return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Being rewritten, or gone for a moment: look again at the next tick.
            }
        }
    }

    /// <summary>
    /// A previous release's fingerprinted assets, once every content file they name is as the index records it (as the
    /// current release's content is checked: <see cref="FolderContentCheck"/>, a regular file of the recorded size, one stat
    /// per file). Content in <paramref name="found"/> (the current release's, which its own check covers, and what an
    /// earlier previous release had good) is not checked again.
    /// </summary>
    /// <exception cref="InvalidReleaseException">The index cannot be used, or a content file is not as it records.</exception>
    private ReleaseIndex ReadPrevious(string id, HashSet<string> found)
    {
        var index = _store.ReadIndex(id);
        index = index with { Assets = [.. index.Assets.Where(asset => asset.Immutable)] };
        FolderContentCheck.ThrowOnFault(_store.ContentFolder, index, id, ContentCheck.Size, found);
        return index;
    }
}
