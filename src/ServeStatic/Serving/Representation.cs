using Microsoft.Extensions.Primitives;
using ServeStatic.Index;

namespace ServeStatic.Serving;

/// <summary>
/// One stored body of an asset (identity, br, gzip, zstd, or a dcz delta) with the header values that belong to it alone,
/// computed when the index is loaded. Each is a different representation with its own strong ETag (RFC 9110 §8.8.3).
/// </summary>
internal sealed class Representation
{
    /// <summary>Hex digits of the representation's SHA-256 in its ETag: 128 bits, plenty to tell bodies apart.</summary>
    private const int ETagDigits = 32;

    /// <summary>
    /// The asset's SHA-256, shared by all its representations: the content key of identity, and with the encoding's suffix
    /// that of br, gzip and zstd. For a delta, its whole key (the dictionary is part of it; deltas are few).
    /// </summary>
    private readonly string _keyBase;
    private volatile byte[]? _body;
    private volatile bool _refused;

    /// <param name="variant">The stored representation.</param>
    /// <param name="assetSha256">The asset's SHA-256, one string for all its representations (the index holds one copy per variant).</param>
    public Representation(VariantRecord variant, string assetSha256)
    {
        Encoding = variant.Encoding;
        Size = variant.Size;
        _keyBase = variant.Encoding.IsDelta() ? VariantRecord.KeyOf(assetSha256, variant.Encoding, variant.Dictionary) : assetSha256;
        ETag = string.Concat("\"", variant.Sha256.AsSpan(0, ETagDigits), "\"");
        ETagHeader = ETag;
        ContentEncodingHeader = variant.Encoding == ContentEncoding.Identity ? StringValues.Empty : variant.Encoding.Token();
    }

    public ContentEncoding Encoding { get; }

    public long Size { get; }

    /// <summary>
    /// Where the bytes live in the content store (<see cref="VariantRecord.Key"/>, which the index validation ties to the asset's
    /// hash). Made when a body is streamed rather than held per representation: the snapshot stays small.
    /// </summary>
    public string Key => Encoding == ContentEncoding.Identity || Encoding.IsDelta() ? _keyBase : _keyBase + Encoding.KeySuffix();

    /// <summary>
    /// The whole body once it is held in memory (<see cref="AssetIndex.HoldSmallBodiesAsync"/>: small bodies, after the release
    /// is served); until then, and for every other body, it is streamed from the store.
    /// </summary>
    public byte[]? Body => _body;

    /// <summary>Serves later requests from <paramref name="body"/>, the verified bytes of <see cref="Key"/>.</summary>
    public void Hold(byte[] body) => _body = body;

    /// <summary>True once the stored bytes of <see cref="Key"/> were found not to match the index: the responder answers 503.</summary>
    public bool Refused => _refused;

    /// <summary>Marks the stored bytes as not the ones the index names (they failed verification).</summary>
    public void Refuse() => _refused = true;

    /// <summary>The strong entity tag, quotes included: <c>"0123…"</c>.</summary>
    public string ETag { get; }

    public StringValues ETagHeader { get; }

    /// <summary>Empty for identity.</summary>
    public StringValues ContentEncodingHeader { get; }
}
