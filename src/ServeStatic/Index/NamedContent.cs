namespace ServeStatic.Index;

/// <summary>One content file a release names (<see cref="ReleaseIndex.NamedContent"/>).</summary>
/// <param name="Key">Where its bytes are: <c>content/&lt;Key&gt;</c>.</param>
/// <param name="Size">The size the index records.</param>
/// <param name="Sha256">The SHA-256 the index records.</param>
/// <param name="AssetPath">The first asset that names it.</param>
/// <param name="Encoding">The encoding of that asset's variant.</param>
internal sealed record NamedContent(string Key, long Size, string Sha256, string AssetPath, ContentEncoding Encoding)
{
    /// <summary>The content <paramref name="variant"/> of <paramref name="asset"/> names.</summary>
    public static NamedContent Of(AssetRecord asset, VariantRecord variant) =>
        new(variant.Key, variant.Size, variant.Sha256, asset.Path, variant.Encoding);
}
