using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>What a release weighs: the originals, and what a client that accepts one encoding downloads for the whole site.</summary>
/// <param name="Assets">How many URL paths it serves.</param>
/// <param name="IdentityBytes">The size of every original together.</param>
/// <param name="Encodings">Per compressed encoding: how many assets have a variant, and the site's size in that encoding
/// (the variant where there is one, the original where there is none).</param>
internal sealed record ReleaseTotals(int Assets, long IdentityBytes, IReadOnlyList<EncodingTotal> Encodings)
{
    public static ReleaseTotals Of(ReleaseIndex index) => new(
        index.Assets.Count,
        index.Assets.Sum(asset => asset.Size),
        [.. ContentEncodings.All.Where(encoding => encoding != ContentEncoding.Identity).Select(encoding => new EncodingTotal(
            encoding,
            index.Assets.Count(asset => asset.Variants.Any(variant => variant.Encoding == encoding)),
            index.Assets.Sum(asset => asset.Variants.FirstOrDefault(variant => variant.Encoding == encoding)?.Size ?? asset.Size)))]);
}

/// <param name="Encoding">A compressed encoding.</param>
/// <param name="Variants">How many assets have a variant in it.</param>
/// <param name="Bytes">The whole site's size for a client that accepts it.</param>
internal sealed record EncodingTotal(ContentEncoding Encoding, int Variants, long Bytes);
