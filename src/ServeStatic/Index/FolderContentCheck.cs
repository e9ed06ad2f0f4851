
namespace ServeStatic.Index;

/// <summary>How much of a content file is compared with what the index records of it.</summary>
internal enum ContentCheck
{
    /// <summary>A regular file (not a link) of the recorded size: one stat per file, cheap enough for every load.</summary>
    Size,

    /// <summary>That, and bytes whose SHA-256 is the recorded one: reads every byte.</summary>
    Hash,
}

/// <summary>A content file that is not what a release's index records.</summary>
/// <param name="File">The content file's full path.</param>
/// <param name="Problem">What is wrong with it (<c>is missing</c>).</param>
/// <param name="ReleaseId">The release whose index names it.</param>
/// <param name="Content">What the index records, and the first asset that names it.</param>
internal sealed record ContentFault(string File, string Problem, string ReleaseId, NamedContent Content)
{
    /// <summary>The problem and the release, asset and variant that name the file.</summary>
    public string Detail => $"{Problem} (release {ReleaseId}, asset {Content.AssetPath}, {Content.Encoding.Token()} variant)";

    /// <summary>One line: <c>/srv/release/content/3f2a…: is missing (release 9c1b…, asset /app.css, br variant)</c>.</summary>
    public override string ToString() => $"{File}: {Detail}";
}

/// <summary>
/// Whether the <c>content/</c> files of a release folder hold what an index records. The one check behind everything
/// that trusts a folder's content: the folder source before a release may serve (<see cref="ContentCheck.Size"/>: the
/// current release's by <see cref="ContentSizeCheckWhileReading"/> through <see cref="SizeProblem(UnixFolder?, string, string, long)"/>,
/// while its index is read; the previous releases' here), <c>servestatic inspect</c> (sizes; hashes with <c>--verify</c>)
/// and a build deciding whether stored content may be reused or must be written again (hashes).
/// </summary>
internal static class FolderContentCheck
{
    /// <summary>Every content file <paramref name="index"/> names that is not what it records, each key once, in index order.</summary>
    /// <param name="contentFolder">The release folder's <c>content/</c>, a full path.</param>
    /// <param name="index">The index, validated (its keys are safe names).</param>
    /// <param name="releaseId">Its id, for the faults.</param>
    /// <param name="depth">Sizes only, or hashes too.</param>
    /// <param name="cancellationToken">Stops a long hashing run.</param>
    /// <param name="found">Keys already found as recorded (skipped); each key found as recorded now is added. Lets one load
    /// check the content several indexes share once.</param>
    /// <remarks>The files are checked on all cores (a warm start checks tens of thousands, one system call each); the
    /// faults come back in index order all the same.</remarks>
    public static IReadOnlyList<ContentFault> Faults(string contentFolder, ReleaseIndex index, string releaseId, ContentCheck depth,
        CancellationToken cancellationToken = default, ISet<string>? found = null)
    {
        var named = Named(index, found);
        var problems = new string?[named.Count];
        // A hash reads a whole file: one file per work item. A size is one system call: a batch per work item.
        var batch = depth == ContentCheck.Size ? 512 : 1;
        using var folder = UnixFolder.Open(contentFolder);
        ParallelWork.ForEach(Enumerable.Range(0, (named.Count + batch - 1) / batch), cancellationToken, (start, token) =>
        {
            for (var i = start * batch; i < Math.Min(named.Count, (start + 1) * batch); i++)
            {
                var content = named[i].Variant;
                // The type and size are read by name from the open folder, before any hashing: a named pipe is never opened
                // (it would block), and only a file with a problem, or one to hash, costs a string.
                problems[i] = SizeProblem(folder, contentFolder, content.Key, content.Size)
                    ?? (depth == ContentCheck.Hash ? HashProblem(Path.Join(contentFolder, content.Key), content.Size, content.Sha256, token) : null);
            }
        });
        var faults = new List<ContentFault>();
        for (var i = 0; i < named.Count; i++)
        {
            if (problems[i] is { } problem)
                faults.Add(new ContentFault(Path.Join(contentFolder, named[i].Variant.Key), problem, releaseId, NamedContent.Of(named[i].Asset, named[i].Variant)));
            else
                found?.Add(named[i].Variant.Key);
        }
        return faults;
    }

    /// <summary>
    /// The content <see cref="ReleaseIndex.NamedContent"/> lists, less the keys in <paramref name="found"/>, as the variant and
    /// the first asset naming each: a load checks tens of thousands, and makes the record of one only for a fault.
    /// </summary>
    private static List<(AssetRecord Asset, VariantRecord Variant)> Named(ReleaseIndex index, ISet<string>? found)
    {
        var count = 0;
        foreach (var asset in index.Assets)
            count += asset.Variants.Count;
        var keys = new HashSet<string>(count, StringComparer.Ordinal);
        var named = new List<(AssetRecord, VariantRecord)>(count);
        foreach (var asset in index.Assets)
        {
            foreach (var variant in asset.Variants)
            {
                if (found?.Contains(variant.Key) != true && keys.Add(variant.Key))
                    named.Add((asset, variant));
            }
        }
        return named;
    }

    /// <summary>Refuses a release whose content is not as its index records, naming the first bad file (see <see cref="Faults"/>).</summary>
    /// <exception cref="InvalidReleaseException">A content file is missing, not a regular file, of another size, or (hashing) of other bytes.</exception>
    public static void ThrowOnFault(string contentFolder, ReleaseIndex index, string releaseId, ContentCheck depth, ISet<string>? found = null)
    {
        if (Faults(contentFolder, index, releaseId, depth, found: found) is [var fault, ..])
            throw new InvalidReleaseException(fault.File, fault.Detail);
    }

    /// <summary>What is wrong with the content file at <paramref name="path"/>, or null when it holds what the index records.</summary>
    /// <param name="path">The content file.</param>
    /// <param name="size">The size the index records.</param>
    /// <param name="sha256">The SHA-256 the index records.</param>
    /// <param name="depth">Sizes only, or hashes too.</param>
    /// <param name="cancellationToken">Stops hashing a large file.</param>
    /// <returns>Null, or the problem worded to follow the file's name: <c>is missing</c>.</returns>
    public static string? Problem(string path, long size, string sha256, ContentCheck depth, CancellationToken cancellationToken = default)
    {
        if (SizeProblem(path, size) is { } problem)
            return problem;
        return depth == ContentCheck.Size ? null : HashProblem(path, size, sha256, cancellationToken);
    }

    /// <summary>What is wrong with the bytes of <paramref name="path"/>, a file of the recorded size, or null.</summary>
    private static string? HashProblem(string path, long size, string sha256, CancellationToken cancellationToken)
    {
        ContentHash actual;
        try
        {
            using var stream = new FileStream(path, new FileStreamOptions { Access = FileAccess.Read, Share = FileShare.Read | FileShare.Delete, Options = FileOptions.SequentialScan, BufferSize = 0 });
            actual = ContentHash.Of(stream, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {e.Message}";
        }
        return actual.Sha256 == sha256 && actual.Length == size ? null
            : $"holds other bytes than the index records (its SHA-256 is {actual.Sha256} where the index records {sha256})";
    }

    /// <summary>
    /// What is wrong with the content file <paramref name="key"/> of <paramref name="contentFolder"/> as a regular file (not a
    /// link) of <paramref name="size"/> bytes, or null: one statx relative to <paramref name="folder"/> (the content folder
    /// opened once), or .NET's lstat where it could not be opened so.
    /// </summary>
    internal static string? SizeProblem(UnixFolder? folder, string contentFolder, string key, long size) =>
        folder is null ? SizeProblem(Path.Join(contentFolder, key), size) : EntryProblem(folder, contentFolder, key, size);

    /// <summary>Whether the entry <paramref name="key"/> of <paramref name="folder"/> is a regular file (not a link) of <paramref name="size"/> bytes: one statx.</summary>
    private static string? EntryProblem(UnixFolder folder, string contentFolder, string key, long size) =>
        folder.Entry(key, out var type, out var length) switch
        {
            LinkStatus.Missing => "is missing",
            LinkStatus.Found when type == UnixFileType.SymbolicLink => LinkProblem,
            LinkStatus.Found when type == UnixFileType.Directory => "is missing",
            LinkStatus.Found when type != UnixFileType.Regular => $"is {UnixFileStatus.Describe(type)}, not a file of the release",
            LinkStatus.Found => length == size ? null : SizeMismatch(length, size),
            _ => SizeProblem(Path.Join(contentFolder, key), size),
        };

    /// <summary>Whether <paramref name="path"/> is a regular file (not a link) of <paramref name="size"/> bytes, as .NET's lstat tells.</summary>
    private static string? SizeProblem(string path, long size)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
            return "is missing";
        // The link flag comes from the same lstat as Exists and Length (reading LinkTarget would cost a readlink per file).
        if ((file.Attributes & FileAttributes.ReparsePoint) != 0)
            return LinkProblem;
        return file.Length == size ? null : SizeMismatch(file.Length, size);
    }

    private const string LinkProblem = "is a link, not a file of the release";

    private static string SizeMismatch(long actual, long recorded) => $"has {actual} bytes where the index records {recorded}";
}
