using ServeStatic.Index;

namespace ServeStatic.Sources;

/// <summary>
/// A release folder on disk (the deployment package, or the output of <c>servestatic build</c>): reads <c>current</c>, then
/// <c>releases/&lt;id&gt;.json</c>; bodies come from <c>content/</c>. A package folder never changes, so by default nothing is
/// watched; given a poll interval (<c>servestatic serve</c> of a folder that <c>servestatic build</c> may write again), a change of
/// <c>current</c> is noticed.
/// </summary>
public sealed class FolderSource(string folder, TimeSpan? pollInterval = null) : IReleaseSource
{
    private readonly string _root = Path.GetFullPath(folder);
    private volatile string? _currentId;

    public string Description => $"folder {_root}";

    /// <summary>True when <paramref name="folder"/> holds a <c>current</c> pointer, i.e. is a release folder rather than a site.</summary>
    public static bool IsReleaseFolder(string folder) => File.Exists(Path.Combine(folder, ReleaseLayout.Current));

    public async Task<LoadedRelease> LoadCurrentAsync(CancellationToken cancellationToken)
    {
        var currentPath = Path.Combine(_root, ReleaseLayout.Current);
        var id = ReleaseLayout.ParseCurrent(await ReadAsync(currentPath, File.ReadAllTextAsync, cancellationToken), currentPath);
        _currentId = id;
        var indexPath = Path.Combine(_root, ReleaseLayout.IndexPath(id));
        var index = IndexSerializer.Deserialize(await ReadAsync(indexPath, File.ReadAllBytesAsync, cancellationToken), indexPath);
        return new LoadedRelease(id, index, new FolderContentStore(Path.Combine(_root, ReleaseLayout.ContentPrefix)));
    }

    public async Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        if (pollInterval is not { } interval)
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
