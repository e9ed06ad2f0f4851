using System.Globalization;
using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>What a prune of a release folder deleted and kept.</summary>
/// <param name="Deleted">The release ids whose indexes were deleted.</param>
/// <param name="ContentFilesDeleted">Content files only deleted releases referred to.</param>
/// <param name="Kept">The release ids left, the current one among them.</param>
public sealed record FolderPruneResult(IReadOnlyList<string> Deleted, int ContentFilesDeleted, IReadOnlyList<string> Kept);

/// <summary>
/// Deletes all but the newest releases of a release folder (<c>servestatic build --keep N</c>), so a folder built into
/// again and again neither grows without end nor makes each build read every old index. The current release is always
/// kept; "newest" is by the time each index was written. Indexes go first, then the content files that only deleted
/// releases referred to. The prune holds the folder's <see cref="ReleaseFolderLock"/>, so it never runs while a build
/// into the folder has decided which stored content to reuse but not yet named it in an index. Content no index refers
/// to is left alone, like the blob prune does.
/// </summary>
public static class FolderReleasePruner
{
    /// <param name="folder">The release folder.</param>
    /// <param name="keep">How many of the newest releases to keep, at least 1; the current one is kept besides.</param>
    /// <param name="waiting">Called once if a build or prune of the folder holds its lock, before the prune waits for it.</param>
    /// <param name="cancellationToken">Stops that wait.</param>
    /// <exception cref="BuildException">
    /// <paramref name="keep"/> is below 1, the folder does not exist or has no current release, or an index cannot be read
    /// (then nothing is deleted: its content cannot be told apart from the doomed releases').
    /// </exception>
    public static FolderPruneResult Prune(string folder, int keep, Action? waiting = null, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(folder);
        if (keep < 1)
            throw new BuildException($"--keep {keep.ToString(CultureInfo.InvariantCulture)}", "keep at least 1 release (the current one)");
        if (!Directory.Exists(root))
            throw new BuildException(root, "the release folder does not exist");
        using var held = ReleaseFolderLock.Acquire(root, waiting, cancellationToken);
        var current = ReadCurrent(root);
        var releases = Path.Join(root, "releases");
        if (!Directory.Exists(releases))
            throw new BuildException(releases, "is missing, so there are no releases to prune");
        var newestFirst = FolderReleaseIndexes.NewestFirst(root);
        var kept = newestFirst.Take(keep).Select(FolderReleaseIndexes.IdOf).Append(current).ToHashSet(StringComparer.Ordinal);
        var doomed = newestFirst.Where(file => !kept.Contains(FolderReleaseIndexes.IdOf(file))).ToList();
        if (doomed.Count == 0)
            return new FolderPruneResult([], 0, [.. kept.Order(StringComparer.Ordinal)]);

        // Every index is read before anything is deleted, so a bad one stops the prune with the folder as it was.
        var stillReferenced = new HashSet<string>(StringComparer.Ordinal);
        var orphaned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in newestFirst)
            (kept.Contains(FolderReleaseIndexes.IdOf(file)) ? stillReferenced : orphaned).UnionWith(ReadIndex(file.FullName).ContentKeys());
        orphaned.ExceptWith(stillReferenced);

        foreach (var file in doomed)
            Delete(file.FullName);
        foreach (var key in orphaned)
            Delete(Path.Join(root, ReleaseLayout.ContentPath(key).Replace('/', Path.DirectorySeparatorChar)));
        return new FolderPruneResult([.. doomed.Select(FolderReleaseIndexes.IdOf)], orphaned.Count, [.. kept.Order(StringComparer.Ordinal)]);
    }

    private static string ReadCurrent(string root)
    {
        var path = Path.Join(root, ReleaseLayout.Current);
        try
        {
            return ReleaseLayout.ParseCurrent(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildException(path, $"cannot be read, so the current release is unknown and nothing is pruned: {e.Message}", e);
        }
        catch (InvalidReleaseException e)
        {
            throw new BuildException(path, $"{e.Problem}; nothing is pruned", e);
        }
    }

    private static ReleaseIndex ReadIndex(string path)
    {
        try
        {
            return IndexSerializer.Deserialize(File.ReadAllBytes(path), path);
        }
        catch (Exception e) when (e is InvalidReleaseException or IOException or UnauthorizedAccessException)
        {
            throw new BuildException(path, $"cannot be read, so the content it shares with other releases is unknown and nothing is pruned: {e.Message}", e);
        }
    }

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildException(path, $"cannot be deleted: {e.Message}", e);
        }
    }
}
