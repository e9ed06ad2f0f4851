using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>
/// What a release weighs: the originals, and what a client that accepts one encoding downloads for the whole site. Sizes
/// and counts are of files: a file served both under its name and its fingerprinted name (an immutable twin with the same
/// content) counts once.
/// </summary>
/// <param name="Assets">How many URL paths it serves.</param>
/// <param name="Files">How many files: the URL paths less the fingerprinted twins.</param>
/// <param name="IdentityBytes">The size of every original together.</param>
/// <param name="Encodings">Per compressed encoding: how many files have a variant, and the site's size in that encoding
/// (the variant where there is one, the original where there is none). Deltas are not an encoding of the site: they are in <paramref name="Deltas"/>.</param>
/// <param name="Deltas">How many deltas (dcz) the files have against earlier versions, and their bytes together.</param>
internal sealed record ReleaseTotals(int Assets, int Files, long IdentityBytes, IReadOnlyList<EncodingTotal> Encodings, DeltaTotal Deltas)
{
    public static ReleaseTotals Of(ReleaseIndex index)
    {
        var named = index.Assets.Where(asset => !asset.Immutable).Select(asset => asset.Sha256).ToHashSet(StringComparer.Ordinal);
        var files = index.Assets.Where(asset => !asset.Immutable || !named.Contains(asset.Sha256)).ToList();
        return new(
            index.Assets.Count,
            files.Count,
            files.Sum(asset => asset.Size),
            [.. ContentEncodings.Ordinary.Where(encoding => encoding != ContentEncoding.Identity).Select(encoding => new EncodingTotal(
                encoding,
                files.Count(asset => asset.Variants.Any(variant => variant.Encoding == encoding)),
                files.Sum(asset => asset.Variants.FirstOrDefault(variant => variant.Encoding == encoding)?.Size ?? asset.Size)))],
            DeltaTotal.Of(files.SelectMany(asset => asset.Variants).Where(variant => variant.Encoding.IsDelta())));
    }
}

/// <param name="Count">How many deltas.</param>
/// <param name="Bytes">Their sizes together.</param>
internal sealed record DeltaTotal(int Count, long Bytes)
{
    public static DeltaTotal Of(IEnumerable<VariantRecord> deltas)
    {
        var list = deltas.ToList();
        return new(list.Count, list.Sum(delta => delta.Size));
    }
}

/// <param name="Encoding">A compressed encoding.</param>
/// <param name="Variants">How many files have a variant in it.</param>
/// <param name="Bytes">The whole site's size for a client that accepts it.</param>
internal sealed record EncodingTotal(ContentEncoding Encoding, int Variants, long Bytes);
