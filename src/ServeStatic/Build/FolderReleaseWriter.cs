using System.Diagnostics.CodeAnalysis;
using System.Text;
using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>
/// Writes a release into a folder in the layout of <see cref="ReleaseLayout"/>, next to the releases already there.
/// Every file is written under a temporary dot-name and then renamed into place, and <c>current</c> is written last,
/// so a failed build leaves no half-written file and never changes what is served.
/// </summary>
public sealed class FolderReleaseWriter : IReleaseWriter
{
    private const string TempPrefix = ".tmp-";

    private readonly Lazy<Dictionary<string, StoredContent>> _stored;

    /// <exception cref="BuildException">The output is a file, or a folder that holds something other than releases.</exception>
    public FolderReleaseWriter(string outputPath)
    {
        Root = Path.GetFullPath(outputPath);
        if (File.Exists(Root))
            throw new BuildException(Root, "the output is a file, not a folder");
        if (Directory.Exists(Root) && !IsReleaseFolder(Root) && Directory.EnumerateFileSystemEntries(Root).Any())
            throw new BuildException(Root, "the output folder is not empty and holds no release (no content/, releases/ or current); choose an empty folder or a release folder");
        _stored = new Lazy<Dictionary<string, StoredContent>>(ReadStored, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The release folder, as a full path.</summary>
    public string Root { get; }

    public static bool IsReleaseFolder(string path) =>
        Directory.Exists(Path.Join(path, "content")) || Directory.Exists(Path.Join(path, "releases")) || File.Exists(Path.Join(path, ReleaseLayout.Current));

    public bool TryGetStored(string sha256, [NotNullWhen(true)] out StoredContent? stored)
    {
        if (_stored.Value.TryGetValue(sha256, out stored)
            && stored.Variants.All(variant => new FileInfo(Local(ReleaseLayout.ContentPath(variant.Key))) is { Exists: true } file && file.Length == variant.Size))
        {
            return true;
        }
        stored = null;
        return false;
    }

    public void WriteContent(string key, ReadOnlySpan<byte> bytes)
    {
        var path = Local(ReleaseLayout.ContentPath(key));
        if (new FileInfo(path) is { Exists: true } existing && existing.Length == bytes.Length)
            return;
        WriteThenMove(path, bytes, overwrite: true);
    }

    public void Commit(ReleaseIndex index, ReadOnlySpan<byte> serializedIndex, string releaseId)
    {
        var indexPath = Local(ReleaseLayout.IndexPath(releaseId));
        if (File.Exists(indexPath))
        {
            if (!File.ReadAllBytes(indexPath).AsSpan().SequenceEqual(serializedIndex))
                throw new BuildException(indexPath, $"a different release with the id \"{releaseId}\" already exists; releases never change, so choose another id");
        }
        else
        {
            WriteThenMove(indexPath, serializedIndex, overwrite: false);
        }
        WriteThenMove(Local(ReleaseLayout.Current), Encoding.UTF8.GetBytes(ReleaseLayout.FormatCurrent(releaseId)), overwrite: true);
    }

    private string Local(string layoutPath) => Path.Join(Root, layoutPath.Replace('/', Path.DirectorySeparatorChar));

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
        var releases = Path.Join(Root, "releases");
        if (!Directory.Exists(releases))
            return [];
        var indexes = new List<ReleaseIndex>();
        foreach (var path in Directory.EnumerateFiles(releases, "*" + ReleaseLayout.IndexSuffix).Order(StringComparer.Ordinal))
        {
            if (!ReleaseLayout.IsSafeName(Path.GetFileNameWithoutExtension(path)))
                continue;
            try
            {
                indexes.Add(IndexSerializer.Deserialize(File.ReadAllBytes(path), path));
            }
            catch (Exception e) when (e is InvalidReleaseException or IOException or UnauthorizedAccessException)
            {
                // Not reused; its content is compressed again if this build needs it.
            }
        }
        return StoredContent.FromIndexes(indexes);
    }
}
