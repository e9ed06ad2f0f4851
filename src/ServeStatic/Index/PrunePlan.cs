namespace ServeStatic.Index;

/// <summary>
/// What a prune of a release store keeps and deletes, decided before anything is deleted: the one keep rule of a release
/// folder (<c>servestatic build --keep N</c>) and a blob container (<c>servestatic releases prune --keep N</c>). It keeps
/// the <c>keep</c> newest releases and, whatever their age, the current one and the one a rollback would switch to; it
/// deletes the rest, then the content that only the deleted releases name. Content no index names (an unfinished build's
/// or publish's) is never the plan's to delete.
/// </summary>
/// <param name="KeptReleases">The releases left, newest first.</param>
/// <param name="DeletedReleases">The releases to delete, newest first.</param>
/// <param name="RollbackTarget">The release a rollback would switch to, when the store remembers one and it is kept.</param>
internal sealed record PrunePlan(IReadOnlyList<string> KeptReleases, IReadOnlyList<string> DeletedReleases, string? RollbackTarget)
{
    /// <param name="newestFirst">Every release of the store, newest first.</param>
    /// <param name="keep">How many of the newest to keep, 0 or more.</param>
    /// <param name="current">The current release, kept whatever its age; null when there is none.</param>
    /// <param name="rollbackTarget">The release a rollback would switch to, kept whatever its age; null when the store keeps no history.</param>
    public static PrunePlan For(IReadOnlyList<string> newestFirst, int keep, string? current, string? rollbackTarget = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        bool Keeps(string id, int newest) => newest < keep || id == current || id == rollbackTarget;
        var kept = newestFirst.Where(Keeps).ToList();
        // Null when there is no history, or its first release is gone already (deleted out of band: a rollback says so).
        var deleted = newestFirst.Where((id, newest) => !Keeps(id, newest)).ToList();
        return new PrunePlan(kept, deleted, rollbackTarget is not null && kept.Contains(rollbackTarget) ? rollbackTarget : null);
    }

    /// <summary>The content keys that the deleted releases name and no kept release does.</summary>
    /// <param name="deleted">The indexes of <see cref="DeletedReleases"/>.</param>
    /// <param name="kept">The indexes of <see cref="KeptReleases"/>.</param>
    public static HashSet<string> ContentOnlyIn(IEnumerable<ReleaseIndex> deleted, IEnumerable<ReleaseIndex> kept)
    {
        var orphaned = deleted.SelectMany(index => index.ContentKeys()).ToHashSet(StringComparer.Ordinal);
        orphaned.ExceptWith(kept.SelectMany(index => index.ContentKeys()));
        return orphaned;
    }

    /// <summary>The result of carrying the plan out.</summary>
    /// <param name="deletedContent">How many content files or blobs the prune deleted.</param>
    public PruneResult Done(int deletedContent) => new(DeletedReleases, deletedContent, KeptReleases, RollbackTarget);
}
