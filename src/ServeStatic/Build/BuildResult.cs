using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>What a build made.</summary>
/// <param name="ReleaseId">The id of the release written (and made current).</param>
/// <param name="Index">Its index.</param>
/// <param name="Totals">Its sizes, for the summary.</param>
/// <param name="ContentsWritten">Distinct contents stored (and compressed) by this build.</param>
/// <param name="ContentsReused">Distinct contents an earlier build had already stored, reused as they were.</param>
/// <param name="Elapsed">How long the build took.</param>
internal sealed record BuildResult(string ReleaseId, ReleaseIndex Index, ReleaseTotals Totals, int ContentsWritten, int ContentsReused, TimeSpan Elapsed)
{
    /// <summary>What the build reports but does not fail for, one line each: special files it left out (named pipes, devices, sockets), then references fingerprinting could not resolve or rewrite.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Deltas (dcz) this build compressed against earlier versions; <see cref="ReleaseTotals.Deltas"/> counts all the release has.</summary>
    public int DeltasMade { get; init; }

    /// <summary>Deltas an earlier build had already stored, reused as they were.</summary>
    public int DeltasReused { get; init; }
}
