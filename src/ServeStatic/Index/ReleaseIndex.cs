namespace ServeStatic.Index;

/// <summary>
/// The index of one release: every URL path it serves and the representations of each.
/// Its identity is the file name <c>releases/&lt;id&gt;.json</c>, so the id is not part of the document.
/// </summary>
/// <param name="Rules">The site's rules (schema version 2); null when it has none, as in every version 1 index.</param>
internal sealed record ReleaseIndex(int SchemaVersion, IReadOnlyList<AssetRecord> Assets, SiteRules? Rules = null)
{
    /// <summary>
    /// The version a build writes: 2 added <see cref="Rules"/>, which a version 1 reader would ignore and serve wrongly; 3 added
    /// delta variants (<see cref="ContentEncoding.Dcz"/> with <see cref="VariantRecord.Dictionary"/>), which a version 2 reader refuses.
    /// </summary>
    public const int CurrentSchemaVersion = 3;

    /// <summary>The first version with delta variants.</summary>
    public const int DeltaSchemaVersion = 3;

    /// <summary>The oldest version still read: a version 1 index is a release without rules.</summary>
    public const int OldestSchemaVersion = 1;

    /// <summary>Every content key the release refers to (a key shared by several assets appears once per use).</summary>
    public IEnumerable<string> ContentKeys() => Assets.SelectMany(asset => asset.Variants).Select(variant => variant.Key);

    /// <summary>
    /// The content the release names: each key once, with what the index records of its bytes and the first asset and
    /// variant that name it (for messages). What a store must hold for this release to serve.
    /// </summary>
    public IEnumerable<NamedContent> NamedContent() =>
        Assets.SelectMany(asset => asset.Variants.Select(variant => Index.NamedContent.Of(asset, variant)))
            .DistinctBy(content => content.Key, StringComparer.Ordinal);

    /// <summary>
    /// This index plus the fingerprinted (immutable) assets of <paramref name="previous"/> releases at paths it does not have
    /// (<paramref name="previous"/> newest first: the first that has a path wins): a page rendered from release N-1 still finds <c>app.3f2a9c1b.css</c> after the switch to N.
    /// Unfingerprinted paths (<c>/index.html</c>) always come from this release.
    /// </summary>
    public ReleaseIndex WithImmutableAssetsOf(IEnumerable<ReleaseIndex> previous)
    {
        var paths = Assets.Select(a => a.Path).ToHashSet(StringComparer.Ordinal);
        var assets = new List<AssetRecord>(Assets);
        foreach (var asset in previous.SelectMany(p => p.Assets))
        {
            if (asset.Immutable && paths.Add(asset.Path))
                assets.Add(asset);
        }
        return assets.Count == Assets.Count ? this : this with { Assets = assets };
    }
}

/// <summary>One URL path of a release.</summary>
/// <param name="Path">The URL path, absolute, unescaped, with forward slashes and exact case: <c>/css/app.css</c>.</param>
/// <param name="ContentType">The media type sent in <c>Content-Type</c>, with <c>; charset=utf-8</c> on textual types.</param>
/// <param name="Size">The size in bytes of the identity representation.</param>
/// <param name="Sha256">The lowercase hex SHA-256 of the identity representation.</param>
/// <param name="Integrity">The Subresource Integrity value, <c>sha256-&lt;base64&gt;</c>.</param>
/// <param name="LastModified">The source file's modification time, truncated to whole seconds, UTC.</param>
/// <param name="Immutable">True when the URL carries the content hash, so the response may be cached for a year.</param>
/// <param name="Variants">Every stored representation, identity first, then the kept compressed ones, then the deltas (dcz).</param>
/// <param name="Preload">An HTML page's preload links (docs/preload-hints.md), in the order they are sent; null for other assets,
/// and in an index built without them. Optional (added in schema version 2, written since 3): a reader that ignores it serves the page without them.</param>
internal sealed record AssetRecord(
    string Path,
    string ContentType,
    long Size,
    string Sha256,
    string Integrity,
    DateTimeOffset LastModified,
    bool Immutable,
    IReadOnlyList<VariantRecord> Variants,
    IReadOnlyList<PreloadLink>? Preload = null);

/// <summary>One stored representation of an asset.</summary>
/// <param name="Encoding">Its content coding.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Key">Where its bytes live: <c>content/&lt;Key&gt;</c>. The original's SHA-256 plus <see cref="ContentEncodings.KeySuffix"/> (<see cref="KeyOf"/>).</param>
/// <param name="Sha256">The lowercase hex SHA-256 of these bytes, used for its strong ETag and to verify what a store returns.</param>
/// <param name="Dictionary">
/// For a delta (dcz) only: the lowercase hex SHA-256 of the dictionary it was compressed against, the identity bytes of an
/// earlier version of the file; a client names it in <c>Available-Dictionary</c> (RFC 9842 §2.2).
/// </param>
internal sealed record VariantRecord(ContentEncoding Encoding, long Size, string Key, string Sha256, string? Dictionary = null)
{
    /// <summary>The content key of a representation: <c>&lt;sha256&gt;</c>, <c>&lt;sha256&gt;.br</c>, <c>&lt;sha256&gt;.dcz.&lt;dictionary&gt;</c>.</summary>
    public static string KeyOf(string assetSha256, ContentEncoding encoding, string? dictionary = null) =>
        encoding.IsDelta() ? $"{assetSha256}{encoding.KeySuffix()}.{dictionary}" : assetSha256 + encoding.KeySuffix();

    /// <summary>The dictionary a delta's key names (<see cref="KeyOf"/> the other way): what follows its last dot.</summary>
    public static string DictionaryOfDeltaKey(string key) => key[(key.LastIndexOf('.') + 1)..];
}
