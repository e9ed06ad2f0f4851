using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ServeStatic.Index;
using ServeStatic.Serving;

namespace ServeStatic.Sources;

/// <summary>
/// A release folder on disk (the deployment package, or the output of <c>servestatic build</c>): reads <c>current</c>, then
/// <c>releases/&lt;id&gt;.json</c>; bodies come from <c>content/</c>. The fingerprinted assets of the newest other releases in
/// the folder stay servable, so a page rendered before a switch (cached at a CDN or in a browser) still finds its assets.
/// A package folder never changes, so by default nothing is watched; given a poll interval (<c>servestatic serve</c> of a
/// folder that <c>servestatic build</c> may write again), a change of <c>current</c> is noticed.
/// </summary>
public sealed class FolderSource : IReleaseSource
{
    /// <summary>How many other releases of the folder keep their fingerprinted assets servable, unless told otherwise.</summary>
    public const int DefaultPreviousReleases = 2;

    private readonly string _root;
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
        _root = Path.GetFullPath(folder);
        _pollInterval = pollInterval;
        _previousReleases = previousReleases;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Description => $"folder {_root}";

    /// <summary>True when <paramref name="folder"/> holds a <c>current</c> pointer, i.e. is a release folder rather than a site.</summary>
    public static bool IsReleaseFolder(string folder) => File.Exists(Path.Combine(folder, ReleaseLayout.Current));

    public async Task<LoadedRelease?> LoadCurrentAsync(string? servedId, CancellationToken cancellationToken)
    {
        var currentPath = Path.Combine(_root, ReleaseLayout.Current);
        var id = ReleaseLayout.ParseCurrent(await ReadAsync(currentPath, File.ReadAllTextAsync, cancellationToken), currentPath);
        _currentId = id;
        // Ids are content hashes: the same id is the same release (a refresh after a miss reads nothing more).
        if (id == servedId)
            return null;
        var content = new FolderContentStore(Path.Combine(_root, ReleaseLayout.ContentPrefix));
        var index = await ReadIndexAsync(id, cancellationToken);
        content.VerifySizes(index, id);

        var previous = new List<ReleaseIndex>();
        foreach (var file in FolderReleaseIndexes.NewestFirst(_root).Where(f => FolderReleaseIndexes.IdOf(f) != id).Take(_previousReleases))
        {
            try
            {
                var previousIndex = await ReadIndexAsync(FolderReleaseIndexes.IdOf(file), cancellationToken);
                content.VerifySizes(previousIndex, FolderReleaseIndexes.IdOf(file));
                previous.Add(previousIndex);
            }
            catch (InvalidReleaseException e)
            {
                _logger.PreviousReleaseSkipped(FolderReleaseIndexes.IdOf(file), Description, e.Message);
            }
        }
        var served = index.WithImmutableAssetsOf(previous);
        if (previous.Count > 0)
            _logger.PreviousAssetsKept(id, Description, served.Assets.Count - index.Assets.Count, previous.Count);

        return new LoadedRelease(id, served, content);
    }

    public async Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        if (_pollInterval is not { } interval)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return;
        }
        var currentPath = Path.Combine(_root, ReleaseLayout.Current);
        while (true)
        {
            await Task.Delay(interval, cancellationToken);
            try
            {
                if ((await File.ReadAllTextAsync(currentPath, cancellationToken)).Trim() != _currentId)
                    return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Being rewritten, or gone for a moment: look again at the next tick.
            }
        }
    }

    private async Task<ReleaseIndex> ReadIndexAsync(string id, CancellationToken cancellationToken)
    {
        var indexPath = Path.Combine(_root, ReleaseLayout.IndexPath(id));
        return IndexSerializer.Deserialize(await ReadAsync(indexPath, File.ReadAllBytesAsync, cancellationToken), indexPath);
    }

    private static async Task<T> ReadAsync<T>(string path, Func<string, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidReleaseException(path, "does not exist; a release folder holds 'current', 'releases/' and 'content/' (made by servestatic build)", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidReleaseException(path, $"cannot be read: {e.Message}", e);
        }
    }
}
