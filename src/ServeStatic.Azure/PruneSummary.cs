namespace ServeStatic.Azure;

/// <summary>What a prune removed and what it kept.</summary>
/// <param name="KeptReleases">The releases left, newest first: the newest ones asked for, the active one and the rollback target.</param>
/// <param name="RollbackTarget">The release a rollback would switch to, kept whatever the count asked for; null when there is none.</param>
public sealed record PruneSummary(IReadOnlyList<string> DeletedReleases, int DeletedContentBlobs, IReadOnlyList<string> KeptReleases, string? RollbackTarget);
