using System.Buffers;

namespace ServeStatic.Index;

/// <summary>
/// A release store on disk (docs/index-format.md): a folder holding <c>current</c>, <c>releases/&lt;id&gt;.json</c> and
/// <c>content/&lt;key&gt;</c>, made by <c>servestatic build</c>. The one place that reads the folder's pointer and indexes
/// and names its files, for the builder, the folder source, the pruner, the publisher and <c>inspect</c>. Whatever in the
/// folder cannot be used is an <see cref="InvalidReleaseException"/> naming the file and what is wrong; the content a
/// release names is checked by <see cref="FolderContentCheck"/>. Its blob twin is the container of ServeStatic.Azure; both
/// prune by <see cref="PrunePlan"/>.
/// </summary>
internal sealed class FolderReleaseStore
{
    private FolderReleaseStore(string root) => Root = root;

    /// <summary>The folder, as a full path.</summary>
    public string Root { get; }

    /// <summary>The folder's <c>content/</c>.</summary>
    public string ContentFolder => Local(ReleaseLayout.ContentPrefix);

    /// <summary>The folder's <c>releases/</c>.</summary>
    public string ReleasesFolder => Local(ReleaseLayout.ReleasesPrefix);

    /// <summary>The folder's <c>current</c>.</summary>
    public string CurrentFile => Local(ReleaseLayout.Current);

    /// <summary>
    /// True when <paramref name="folder"/> holds a release (<c>current</c>), or a build began there (its lock file) and a
    /// release will follow; false for a site folder, however its files are named.
    /// </summary>
    public static bool IsReleaseFolder(string folder) =>
        File.Exists(Path.Join(folder, ReleaseLayout.Current)) || File.Exists(Path.Join(folder, ReleaseFolderLock.FileName));

    /// <summary>The store in <paramref name="folder"/>, which may not exist yet (a build creates it).</summary>
    public static FolderReleaseStore At(string folder) => new(Path.GetFullPath(folder));

    /// <summary>The store in <paramref name="folder"/>, which must exist.</summary>
    /// <exception cref="InvalidReleaseException">The folder does not exist.</exception>
    public static FolderReleaseStore Open(string folder)
    {
        var store = At(folder);
        return Directory.Exists(store.Root) ? store : throw new InvalidReleaseException(store.Root, "the release folder does not exist");
    }

    /// <summary>The full path of <c>content/&lt;key&gt;</c>.</summary>
    public string ContentFile(string key) => Local(ReleaseLayout.ContentPath(key));

    /// <summary>The full path of <c>releases/&lt;id&gt;.json</c>.</summary>
    public string IndexFile(string releaseId) => Local(ReleaseLayout.IndexPath(releaseId));

    /// <summary>The release <c>current</c> names.</summary>
    /// <exception cref="InvalidReleaseException"><c>current</c> is missing, cannot be read, or names no release id.</exception>
    public string ReadCurrent() => ReleaseLayout.ParseCurrent(Read(CurrentFile, File.ReadAllText), CurrentFile);

    /// <summary>The index of a release, validated.</summary>
    /// <exception cref="InvalidReleaseException">The index is missing, cannot be read, or breaks a rule of the format.</exception>
    /// <remarks>Read into a pooled buffer, returned once the index is parsed: a large site's index is megabytes, and a new
    /// array each load would be garbage in the large-object heap (bench/README.md, "Warm start and snapshot memory").</remarks>
    /// <param name="releaseId">The release.</param>
    /// <param name="onAsset">Given each asset as it is read, before the validation (<see cref="IndexReader.Read"/>).</param>
    public ReleaseIndex ReadIndex(string releaseId, Action<AssetRecord>? onAsset = null)
    {
        var file = IndexFile(releaseId);
        var (buffer, length) = Read(file, ReadPooled);
        try
        {
            return IndexSerializer.Deserialize(buffer.AsSpan(0, length), file, onAsset);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The whole file into a buffer of the shared pool (the caller returns it), and how many bytes it holds.</summary>
    private static (byte[] Buffer, int Length) ReadPooled(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.SequentialScan);
        var size = RandomAccess.GetLength(handle);
        if (size > Array.MaxLength)
            throw new IOException($"the file is {size} bytes long, more than an index can be");
        var buffer = ArrayPool<byte>.Shared.Rent((int)size);
        var length = 0;
        try
        {
            // Read to the end, whatever its length now: a file that grew or shrank since its length was asked is read as it is.
            for (int read; (read = RandomAccess.Read(handle, buffer.AsSpan(length), length)) > 0;)
            {
                length += read;
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan().CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>The bytes of a release's index document, as stored.</summary>
    /// <exception cref="InvalidReleaseException">The index is missing or cannot be read.</exception>
    public byte[] ReadIndexBytes(string releaseId) => Read(IndexFile(releaseId), File.ReadAllBytes);

    /// <summary>
    /// Every release with an index in <c>releases/</c> whose name is a safe release id, newest first by the time each
    /// index was written (ties by id); empty when there is no <c>releases/</c>. "Newest" is what a build wrote last,
    /// what a prune keeps and what a source serves after the current one.
    /// </summary>
    public IReadOnlyList<string> NewestFirst()
    {
        if (!Directory.Exists(ReleasesFolder))
            return [];
        return [.. Directory.EnumerateFiles(ReleasesFolder, "*" + ReleaseLayout.IndexSuffix)
            .Select(path => new FileInfo(path))
            .Select(file => (Id: Path.GetFileNameWithoutExtension(file.Name), file.LastWriteTimeUtc))
            .Where(release => ReleaseLayout.IsSafeName(release.Id))
            .OrderByDescending(release => release.LastWriteTimeUtc).ThenBy(release => release.Id, StringComparer.Ordinal)
            .Select(release => release.Id)];
    }

    /// <summary>The right to change the folder, taken by a build or a prune (see <see cref="ReleaseFolderLock"/>).</summary>
    /// <param name="waiting">Called once, before waiting, when someone else holds the folder.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="InvalidReleaseException">The folder or its lock file cannot be created or opened.</exception>
    public ReleaseFolderLock LockForWriting(Action? waiting, CancellationToken cancellationToken) =>
        ReleaseFolderLock.Acquire(Root, exclusive: true, waiting, cancellationToken);

    /// <summary>The right to read the folder's content while no build or prune changes it, taken by a publish; readers share it.</summary>
    /// <inheritdoc cref="LockForWriting"/>
    public ReleaseFolderLock LockForReading(Action? waiting, CancellationToken cancellationToken) =>
        ReleaseFolderLock.Acquire(Root, exclusive: false, waiting, cancellationToken);

    private string Local(string layoutPath) => Path.Join(Root, layoutPath.Replace('/', Path.DirectorySeparatorChar)).TrimEnd(Path.DirectorySeparatorChar);

    private static T Read<T>(string path, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw e is FileNotFoundException or DirectoryNotFoundException
                ? new InvalidReleaseException(path, "does not exist; a release folder holds 'current', 'releases/' and 'content/' (made by servestatic build)", e)
                : new InvalidReleaseException(path, $"cannot be read: {e.Message}", e);
        }
    }
}
