namespace ServeStatic.Index;

/// <summary>What a prune of a release store deleted and kept, a folder's and a container's alike.</summary>
/// <param name="DeletedReleases">The releases whose indexes were deleted, newest first.</param>
/// <param name="DeletedContent">The content files or blobs that only deleted releases named.</param>
/// <param name="KeptReleases">The releases left, newest first: the newest ones asked for, the current one and the rollback target.</param>
/// <param name="RollbackTarget">The release a rollback would switch to, kept whatever the count asked for; null when there is none (a folder keeps no history).</param>
public sealed record PruneResult(IReadOnlyList<string> DeletedReleases, int DeletedContent, IReadOnlyList<string> KeptReleases, string? RollbackTarget);
