namespace ServeStatic.Azure;

/// <summary>Where a publish is: content blobs settled (uploaded or found present) out of the release's distinct blobs.</summary>
public sealed record PublishProgress(int Settled, int Total, long BytesUploaded);

/// <summary>What a publish did.</summary>
/// <param name="Uploaded">Content blobs written by this run.</param>
/// <param name="AlreadyPresent">Content blobs the container already had (listed, or created concurrently by someone else).</param>
/// <param name="Activated">True when <c>current</c> now names this release.</param>
/// <param name="PreviousReleaseId">What <c>current</c> named before an activation.</param>
public sealed record PublishSummary(string ReleaseId, int Uploaded, int AlreadyPresent, long BytesUploaded, bool Activated, string? PreviousReleaseId);
