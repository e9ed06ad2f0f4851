using ServeStatic.Fingerprinting;

namespace ServeStatic.Build;

/// <summary>What to build and how.</summary>
/// <param name="SitePath">The site folder.</param>
internal sealed record BuildOptions(string SitePath)
{
    /// <summary>Globs of site-relative paths to leave out, on top of dotfiles (see <see cref="SitePathGlob"/>).</summary>
    public IReadOnlyList<string> Excludes { get; init; } = [];

    /// <summary>Extra or overriding media types, <c>".ext"</c> → <c>"type/subtype"</c>.</summary>
    public IReadOnlyDictionary<string, string> ExtraMediaTypes { get; init; } = new Dictionary<string, string>();

    /// <summary>How hard to precompress: <see cref="PrecompressionLevel.Best"/> for a release.</summary>
    public PrecompressionLevel Compression { get; init; } = PrecompressionLevel.Best;

    /// <summary>
    /// The largest original to precompress, in bytes; a bigger one is stored as it is, identity only. Null (the default)
    /// compresses every compressible file. Development mode sets a limit: compressing holds a file whole in memory.
    /// </summary>
    public long? CompressUpToBytes { get; init; }

    /// <summary>
    /// How many of the releases already in the store (the last written) to look in for earlier versions of each compressible
    /// file, to make a dcz delta against each (docs/dictionary-transport.md); 0 makes none. Only a
    /// <see cref="PrecompressionLevel.Best"/> build makes deltas.
    /// </summary>
    public int DictionaryReleases { get; init; } = DefaultDictionaryReleases;

    public const int DefaultDictionaryReleases = 3;

    /// <summary>Fingerprint the site (docs/fingerprinting.md) with these options; null to leave names and contents as they are.</summary>
    public FingerprintOptions? Fingerprint { get; init; }

    /// <summary>Record in the index, for each HTML page, the resources it needs first, sent as its <c>Link</c> header (docs/preload-hints.md).</summary>
    public bool PreloadHints { get; init; } = true;

    /// <summary>The release id; null for the default, a hash of the index (<see cref="Index.IndexSerializer.ComputeReleaseId"/>).</summary>
    public string? ReleaseId { get; init; }
}

/// <summary>How hard the build compresses. A store of content is built at one level: its content keys do not name it.</summary>
internal enum PrecompressionLevel
{
    /// <summary>Brotli quality 11, gzip at zlib's smallest size, zstd level 19: for releases.</summary>
    Best,

    /// <summary>Quick levels (Brotli 5, gzip 6, zstd 3): for serving a live folder in development.</summary>
    Fast,

    /// <summary>No compressed variants at all.</summary>
    None,
}
