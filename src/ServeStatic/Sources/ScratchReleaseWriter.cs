using ServeStatic.Build;
using System.Diagnostics.CodeAnalysis;
using ServeStatic.Index;

namespace ServeStatic.Sources;

/// <summary>
/// Builds a release for development mode into a private scratch folder that holds content files only (<c>&lt;key&gt;</c>, no
/// index, no <c>current</c>: the release lives in memory). Its bodies are served from disk as a release folder's are, so the
/// process holds none bigger than the small ones the snapshot chooses to hold, and an original that is not compressed is
/// copied in chunks, never read whole. Given the release it replaces, it reuses that release's content, so a rebuild after
/// one file changed stores only that file. <see cref="DeleteUnused"/> empties the folder of what no live release names.
/// </summary>
internal sealed class ScratchReleaseWriter : IReleaseWriter
{
    private const string TempPrefix = ".tmp-";

    private readonly string _folder;
    private readonly Dictionary<string, StoredContent> _stored;
    private LoadedRelease? _release;

    /// <param name="contentFolder">The scratch folder: created if missing, and written by nothing else.</param>
    /// <param name="previous">The release this build replaces, built into the same folder; null for the first.</param>
    public ScratchReleaseWriter(string contentFolder, LoadedRelease? previous = null)
    {
        _folder = Path.GetFullPath(contentFolder);
        Directory.CreateDirectory(_folder);
        _stored = previous is null ? [] : StoredContent.FromIndexes([previous.Index]);
    }

    /// <summary>The release, once the build has committed it.</summary>
    /// <exception cref="InvalidOperationException">The build has not committed yet.</exception>
    public LoadedRelease Release => _release ?? throw new InvalidOperationException("the build has not committed a release yet");

    public bool TryGetStored(string sha256, [NotNullWhen(true)] out StoredContent? stored) =>
        _stored.TryGetValue(sha256, out stored) && stored.Variants.All(variant => IsStored(variant.Key, variant.Size));

    public void WriteContent(string key, ReadOnlySpan<byte> bytes)
    {
        if (IsStored(key, bytes.Length))
            return;
        var temp = TempPath();
        try
        {
            using (var file = Create(temp))
                file.Write(bytes);
            File.Move(temp, Path.Join(_folder, key), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(key, e);
        }
    }

    public void WriteOriginal(AssetContent content, ContentHash hash)
    {
        if (IsStored(hash.Sha256, hash.Length))
            return;
        var temp = TempPath();
        try
        {
            using (var file = Create(temp))
                content.CopyTo(file, hash);
            File.Move(temp, Path.Join(_folder, hash.Sha256), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(hash.Sha256, e);
        }
    }

    public void Commit(ReleaseIndex index, ReadOnlySpan<byte> serializedIndex, string releaseId)
    {
        foreach (var variant in index.Assets.SelectMany(asset => asset.Variants))
        {
            if (!IsStored(variant.Key, variant.Size))
                throw new InvalidOperationException($"content/{variant.Key} was neither written nor stored before");
        }
        _release = new LoadedRelease(releaseId, index, new FolderContentStore(_folder));
    }

    /// <summary>
    /// Deletes every file of the scratch folder that none of <paramref name="live"/> names (content of older builds, and
    /// what a failed build left), so the folder holds no more than the releases that may still answer a request.
    /// A file that cannot be deleted now (open on Windows) is tried again the next time.
    /// </summary>
    public static void DeleteUnused(string contentFolder, IEnumerable<ReleaseIndex> live)
    {
        var keep = live.SelectMany(index => index.Assets).SelectMany(asset => asset.Variants).Select(variant => variant.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(contentFolder))
        {
            if (keep.Contains(Path.GetFileName(file)))
                continue;
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use: deleted after a later build.
            }
        }
    }

    private bool IsStored(string key, long size) => new FileInfo(Path.Join(_folder, key)) is { Exists: true } file && file.Length == size;

    /// <summary>A new name to write under before the rename; one a failed write leaves is deleted by <see cref="DeleteUnused"/>.</summary>
    private string TempPath() => Path.Join(_folder, TempPrefix + Guid.NewGuid().ToString("N"));

    private static FileStream Create(string path) => new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);

    private BuildException CannotWrite(string key, Exception e) => new(Path.Join(_folder, key), $"cannot be written: {e.Message}", e);
}
