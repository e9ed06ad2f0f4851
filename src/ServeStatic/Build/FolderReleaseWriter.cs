using System.Diagnostics.CodeAnalysis;
using System.Text;
using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>
/// Writes a release into a release folder (<see cref="FolderReleaseStore"/>), next to the releases already there.
/// Every file is written under a temporary dot-name and then renamed into place, and <c>current</c> is written last,
/// so a failed build leaves no half-written file and never changes what is served. From its first look at the stored
/// content until it is disposed, the writer holds the folder's <see cref="ReleaseFolderLock"/>, so another build or a
/// prune of the same folder never changes what it has decided to reuse. Stored content is reused only when its bytes
/// still hash to what the index records, so a rebuild repairs a content file that was damaged or overwritten.
/// </summary>
internal sealed class FolderReleaseWriter : IReleaseWriter, IDisposable
{
    private const string TempPrefix = ".tmp-";

    private readonly FolderReleaseStore _store;
    private readonly Lazy<ReleaseFolderLock> _lock;
    private readonly Lazy<Dictionary<string, StoredContent>> _stored;
    private readonly CancellationToken _cancellationToken;

    /// <param name="outputPath">The release folder (created if missing).</param>
    /// <param name="waiting">Called once if another build or prune holds the folder's lock, before this writer waits for it.</param>
    /// <param name="cancellationToken">Stops that wait, and the hashing of stored content.</param>
    /// <exception cref="BuildException">The output is a file, or a folder that holds something other than releases.</exception>
    public FolderReleaseWriter(string outputPath, Action? waiting = null, CancellationToken cancellationToken = default)
    {
        _store = FolderReleaseStore.At(outputPath);
        if (File.Exists(Root))
            throw new BuildException(Root, "the output is a file, not a folder");
        if (Directory.Exists(Root) && !FolderReleaseStore.IsReleaseFolder(Root) && Directory.EnumerateFileSystemEntries(Root).Any())
            throw new BuildException(Root, "the output folder is not empty and holds no release (no current, and no build began there); choose an empty folder or a release folder");
        _cancellationToken = cancellationToken;
        _lock = new Lazy<ReleaseFolderLock>(() => Lock(waiting), LazyThreadSafetyMode.ExecutionAndPublication);
        _stored = new Lazy<Dictionary<string, StoredContent>>(ReadStored, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The release folder, as a full path.</summary>
    public string Root => _store.Root;

    public bool TryGetStored(string sha256, [NotNullWhen(true)] out StoredContent? stored)
    {
        if (_stored.Value.TryGetValue(sha256, out stored)
            && stored.Variants.All(variant => FolderContentCheck.Problem(_store.ContentFile(variant.Key), variant.Size, variant.Sha256, ContentCheck.Hash, _cancellationToken) is null))
        {
            return true;
        }
        stored = null;
        return false;
    }

    public IReadOnlyList<ReleaseIndex> PreviousReleases(int count)
    {
        HoldLock();
        var indexes = new List<ReleaseIndex>(count);
        foreach (var id in _store.NewestFirst())
        {
            if (indexes.Count == count)
                break;
            try
            {
                indexes.Add(_store.ReadIndex(id));
            }
            catch (InvalidReleaseException)
            {
                // An index that cannot be read offers no earlier versions; the next one may.
            }
        }
        return indexes;
    }

    public byte[]? ReadStored(VariantRecord variant)
    {
        HoldLock();
        try
        {
            var bytes = File.ReadAllBytes(_store.ContentFile(variant.Key));
            return bytes.Length == variant.Size && ContentHash.Of(bytes).Sha256 == variant.Sha256 ? bytes : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Stores <c>content/&lt;key&gt;</c>, unless a file of that name already holds exactly these bytes.</summary>
    public void WriteContent(string key, ReadOnlySpan<byte> bytes)
    {
        HoldLock();
        var path = _store.ContentFile(key);
        if (File.Exists(path) && FolderContentCheck.Problem(path, bytes.Length, ContentHash.Of(bytes).Sha256, ContentCheck.Hash, _cancellationToken) is null)
            return;
        WriteThenMove(path, bytes, overwrite: true);
    }

    public void Commit(ReleaseIndex index, ReadOnlySpan<byte> serializedIndex, string releaseId)
    {
        HoldLock();
        var indexPath = _store.IndexFile(releaseId);
        if (File.Exists(indexPath))
        {
            if (!File.ReadAllBytes(indexPath).AsSpan().SequenceEqual(serializedIndex))
                throw new BuildException(indexPath, $"a different release with the id \"{releaseId}\" already exists; releases never change, so choose another id");
        }
        else
        {
            WriteThenMove(indexPath, serializedIndex, overwrite: false);
        }
        WriteThenMove(_store.CurrentFile, Encoding.UTF8.GetBytes(ReleaseLayout.FormatCurrent(releaseId)), overwrite: true);
    }

    /// <summary>Releases the folder's lock, if this writer took it.</summary>
    public void Dispose()
    {
        if (_lock.IsValueCreated)
            _lock.Value.Dispose();
    }

    private void HoldLock() => _ = _lock.Value;

    private ReleaseFolderLock Lock(Action? waiting)
    {
        try
        {
            return _store.LockForWriting(waiting, _cancellationToken);
        }
        catch (InvalidReleaseException e)
        {
            throw new BuildException(e.Where, e.Problem, e);
        }
    }

    private static void WriteThenMove(string path, ReadOnlySpan<byte> bytes, bool overwrite)
    {
        var folder = Path.GetDirectoryName(path)!;
        var temp = Path.Join(folder, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(folder);
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
                file.Write(bytes);
            File.Move(temp, path, overwrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            if (!overwrite && File.Exists(path))
                return; // another build wrote the same immutable file first
            throw new BuildException(path, $"cannot be written: {e.Message}", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary dot-file is never read as part of a release.
        }
    }

    /// <summary>What the releases already in the folder stored. An index that cannot be read is no help, so it is passed over.</summary>
    private Dictionary<string, StoredContent> ReadStored()
    {
        HoldLock();
        var indexes = new List<ReleaseIndex>();
        foreach (var id in _store.NewestFirst().Order(StringComparer.Ordinal))
        {
            try
            {
                indexes.Add(_store.ReadIndex(id));
            }
            catch (InvalidReleaseException)
            {
                // Not reused; its content is compressed again if this build needs it.
            }
        }
        return StoredContent.FromIndexes(indexes);
    }
}
