using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>What an earlier build stored for one original.</summary>
/// <param name="Variants">Identity first, then every compressed variant it kept; no deltas, which depend on the file's history, not its bytes.</param>
/// <param name="CompressionTried">
/// True when the original was compressed (its type is compressible), so missing variants were tried and did not pay;
/// false when only the identity was stored, so a compressible asset with these bytes must still be compressed.
/// </param>
internal sealed record StoredContent(IReadOnlyList<VariantRecord> Variants, bool CompressionTried)
{
    /// <summary>What the indexes of earlier builds say was stored, by the original's SHA-256.</summary>
    public static Dictionary<string, StoredContent> FromIndexes(IEnumerable<ReleaseIndex> indexes)
    {
        var stored = new Dictionary<string, StoredContent>(StringComparer.Ordinal);
        foreach (var asset in indexes.SelectMany(index => index.Assets))
        {
            var tried = MediaTypes.IsCompressible(asset.ContentType);
            if (!stored.TryGetValue(asset.Sha256, out var known) || (tried && !known.CompressionTried))
                stored[asset.Sha256] = new StoredContent([.. asset.Variants.Where(variant => !variant.Encoding.IsDelta())], tried);
        }
        return stored;
    }
}
