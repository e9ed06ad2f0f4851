using Microsoft.Extensions.Primitives;
using ServeStatic.Index;

namespace ServeStatic.Serving;

/// <summary>
/// One stored body of an asset (identity, br, gzip or zstd) with the header values that belong to it alone,
/// computed when the index is loaded. Each is a different representation with its own strong ETag (RFC 9110 §8.8.3).
/// </summary>
internal sealed class Representation
{
    /// <summary>Hex digits of the representation's SHA-256 in its ETag: 128 bits, plenty to tell bodies apart.</summary>
    private const int ETagDigits = 32;

    public Representation(VariantRecord variant, byte[]? body)
    {
        Encoding = variant.Encoding;
        Size = variant.Size;
        Key = variant.Key;
        Body = body;
        ETag = "\"" + variant.Sha256[..ETagDigits] + "\"";
        ETagHeader = ETag;
        ContentEncodingHeader = variant.Encoding == ContentEncoding.Identity ? StringValues.Empty : variant.Encoding.Token();
    }

    public ContentEncoding Encoding { get; }

    public long Size { get; }

    /// <summary>Where the bytes live in the content store.</summary>
    public string Key { get; }

    /// <summary>The whole body, when it is small enough to be held in memory; otherwise it is streamed from the store.</summary>
    public byte[]? Body { get; }

    /// <summary>The strong entity tag, quotes included: <c>"0123…"</c>.</summary>
    public string ETag { get; }

    public StringValues ETagHeader { get; }

    /// <summary>Empty for identity.</summary>
    public StringValues ContentEncodingHeader { get; }
}
