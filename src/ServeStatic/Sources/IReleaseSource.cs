using ServeStatic.Index;

namespace ServeStatic.Sources;

/// <summary>
/// Where releases come from: a release folder (the deployment package), a live site folder (development),
/// or a blob container. The serving side loads the current release at warm start and reloads when told it changed.
/// </summary>
internal interface IReleaseSource
{
    /// <summary>What and where, for logs: <c>folder /home/site/wwwroot/release</c>.</summary>
    string Description { get; }

    /// <summary>
    /// Loads the release that is current now, or returns null when it is <paramref name="servedId"/> (the one being served:
    /// nothing is read beyond the pointer), or, for development mode's site folder, when the site cannot be built now (it
    /// says why in the log, and reports the next change). A source keeps no loaded index: the snapshot built from it is all that stays in memory.
    /// </summary>
    /// <exception cref="InvalidReleaseException">The pointer, index or layout is unusable; the message names what and where.</exception>
    Task<LoadedRelease?> LoadCurrentAsync(string? servedId, CancellationToken cancellationToken);

    /// <summary>Completes when the current release may have changed (never, for a package folder).</summary>
    Task WaitForChangeAsync(CancellationToken cancellationToken);
}

/// <summary>A release read from a source: its id, its index, and the store that holds its bytes.</summary>
internal sealed record LoadedRelease(string Id, ReleaseIndex Index, IContentStore Content)
{
    /// <summary>
    /// Completes once the store's content is found as the index records it, or faults with the
    /// <see cref="InvalidReleaseException"/> naming the first content file that is not; already complete unless the source
    /// checks while the load goes on (the folder source: one system call per content file). The release serves only once
    /// it completed: <see cref="Serving.AssetIndex.Load"/> builds the snapshot meanwhile and waits for it.
    /// </summary>
    public Task ContentChecked { get; init; } = Task.CompletedTask;
}
