using System.Globalization;
using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>
/// Deletes all but the newest releases of a release folder (<c>servestatic build --keep N</c>), so a folder built into
/// again and again neither grows without end nor makes each build read every old index. What goes is decided by the
/// <see cref="PrunePlan"/> a blob container's prune uses: the current release is always kept, and "newest" is by the
/// time each index was written. Indexes go first, then the content files that only deleted releases referred to;
/// content no index refers to is left alone. The prune holds the folder's <see cref="ReleaseFolderLock"/>, so it never
/// runs while a build into the folder has decided which stored content to reuse but not yet named it in an index, nor
/// while a publish is uploading the folder's content.
/// </summary>
internal static class FolderReleasePruner
{
    /// <param name="folder">The release folder.</param>
    /// <param name="keep">How many of the newest releases to keep, at least 1; the current one is kept besides.</param>
    /// <param name="waiting">Called once if a build, prune or publish of the folder holds its lock, before the prune waits for it.</param>
    /// <param name="cancellationToken">Stops that wait.</param>
    /// <exception cref="BuildException">
    /// <paramref name="keep"/> is below 1, the folder does not exist or has no current release, or an index cannot be read
    /// (then nothing is deleted: its content cannot be told apart from the doomed releases').
    /// </exception>
    public static PruneResult Prune(string folder, int keep, Action? waiting = null, CancellationToken cancellationToken = default)
    {
        if (keep < 1)
            throw new BuildException($"--keep {keep.ToString(CultureInfo.InvariantCulture)}", "keep at least 1 release (the current one)");
        try
        {
            var store = FolderReleaseStore.Open(folder);
            using var held = store.LockForWriting(waiting, cancellationToken);
            var current = store.ReadCurrent();
            if (!Directory.Exists(store.ReleasesFolder))
                throw new BuildException(store.ReleasesFolder, "is missing, so there are no releases to prune");
            var plan = PrunePlan.For(store.NewestFirst(), keep, current);
            if (plan.DeletedReleases.Count == 0)
                return plan.Done(0);
            // Every index is read before anything is deleted, so a bad one stops the prune with the folder as it was.
            var orphaned = PrunePlan.ContentOnlyIn([.. plan.DeletedReleases.Select(id => store.ReadIndex(id))], [.. plan.KeptReleases.Select(id => store.ReadIndex(id))]);
            foreach (var id in plan.DeletedReleases)
                Delete(store.IndexFile(id));
            foreach (var key in orphaned)
                Delete(store.ContentFile(key));
            return plan.Done(orphaned.Count);
        }
        catch (InvalidReleaseException e)
        {
            throw new BuildException(e.Where, $"{e.Problem}; nothing is pruned", e);
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
