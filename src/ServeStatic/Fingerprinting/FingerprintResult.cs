namespace ServeStatic.Fingerprinting;

/// <summary>
/// One file of a site handed to the fingerprinter: its URL path (absolute, unescaped) and its bytes. A file the
/// fingerprinter does not read (<see cref="Fingerprinter.ReadsContent"/> is false: images, fonts…) may come with its
/// <see cref="Digest"/> and no content, so a large site need not be held in memory.
/// </summary>
internal sealed record FingerprintInput(string Path, ReadOnlyMemory<byte> Content, FileDigest? Digest = null);

/// <summary>A file's lowercase hex SHA-256 and its size in bytes.</summary>
internal sealed record FileDigest(string Sha256, long Size);

/// <summary>
/// One file after fingerprinting: its content with every reference rewritten, served at <see cref="Path"/> (the original
/// URL, short-lived caching) and, when it was renamed, also at <see cref="FingerprintedPath"/> (immutable).
/// </summary>
/// <param name="Content">The final bytes; for a file that was not <paramref name="Rewritten"/>, the input's (empty when it came with a digest only).</param>
/// <param name="Rewritten">True when <paramref name="Content"/> differs from the input's content.</param>
/// <param name="Generated">True for the files fingerprinting adds: <see cref="Fingerprinter.ManifestPath"/> and <see cref="Fingerprinter.ImportMapPath"/>.</param>
internal sealed record FingerprintedFile(string Path, string? FingerprintedPath, ReadOnlyMemory<byte> Content, bool Rewritten, bool Generated = false);

/// <summary>A reference that could not be resolved or rewritten: which file holds it, its text, and what is wrong.</summary>
internal sealed record FingerprintProblem(string File, string Reference, string Problem)
{
    public override string ToString() => $"{File}: {Problem}";
}

/// <summary>Every file of the site after fingerprinting (in path order, the generated ones included) and the problems found.</summary>
internal sealed record FingerprintResult(IReadOnlyList<FingerprintedFile> Files, IReadOnlyList<FingerprintProblem> Warnings);
