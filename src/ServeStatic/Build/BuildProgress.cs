namespace ServeStatic.Build;

/// <summary>The stages of a build, in order. A transform pass (fingerprinting) runs between scanning and hashing.</summary>
internal enum BuildStage
{
    Scanning,

    /// <summary>Reading and rewriting references, with <see cref="BuildOptions.Fingerprint"/>.</summary>
    Fingerprinting,
    Hashing,

    /// <summary>
    /// Waiting for another build, prune or publish of the same release folder to release its lock (<see cref="ReleaseFolderLock"/>);
    /// only when one holds it. <see cref="BuildProgress.Item"/> is the folder.
    /// </summary>
    Waiting,
    Compressing,

    /// <summary>Making deltas against earlier versions of the files (<see cref="BuildOptions.DictionaryReleases"/>); items are file–dictionary pairs.</summary>
    Deltas,
    Writing,
}

/// <summary>How far a build is: <paramref name="Done"/> of <paramref name="Total"/> items of the current stage.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Done">Items finished in the stage (files while hashing, distinct contents while compressing).</param>
/// <param name="Total">Items in the stage.</param>
/// <param name="Item">The item just finished (a URL path), the folder waited for, or null.</param>
internal sealed record BuildProgress(BuildStage Stage, int Done, int Total, string? Item);
