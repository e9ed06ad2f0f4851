namespace ServeStatic.Index;

/// <summary>A content coding of one representation (RFC 9110 §8.4.1). Identity is the file as it is.</summary>
internal enum ContentEncoding
{
    Identity,
    Brotli,
    Gzip,
    Zstd,

    /// <summary>
    /// Dictionary-compressed Zstandard (RFC 9842 §5): a delta against a dictionary the client holds, the previous version
    /// of the file. Each such variant names its dictionary (<see cref="VariantRecord.Dictionary"/>); an asset may have several.
    /// </summary>
    Dcz,
}

internal static class ContentEncodings
{
    /// <summary>The token used in <c>Content-Encoding</c> / <c>Accept-Encoding</c> and in the index.</summary>
    public static string Token(this ContentEncoding encoding) => encoding switch
    {
        ContentEncoding.Identity => "identity",
        ContentEncoding.Brotli => "br",
        ContentEncoding.Gzip => "gzip",
        ContentEncoding.Zstd => "zstd",
        ContentEncoding.Dcz => "dcz",
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
    };

    /// <summary>
    /// The suffix a compressed variant's content key carries (<c>&lt;sha256&gt;.br</c>); empty for identity. A delta's key
    /// goes on with its dictionary's SHA-256 (<c>&lt;sha256&gt;.dcz.&lt;dictionary sha256&gt;</c>, <see cref="VariantRecord.KeyOf"/>).
    /// </summary>
    public static string KeySuffix(this ContentEncoding encoding) => KeySuffixes[(int)encoding];

    public static bool TryParseToken(ReadOnlySpan<char> token, out ContentEncoding encoding)
    {
        foreach (var candidate in All)
        {
            if (token.Equals(candidate.Token(), StringComparison.OrdinalIgnoreCase))
            {
                encoding = candidate;
                return true;
            }
        }
        encoding = default;
        return false;
    }

    /// <summary>True for a delta against a dictionary (dcz): a representation only a client holding that dictionary can decode.</summary>
    public static bool IsDelta(this ContentEncoding encoding) => encoding == ContentEncoding.Dcz;

    public static IReadOnlyList<ContentEncoding> All { get; } =
        [ContentEncoding.Identity, ContentEncoding.Brotli, ContentEncoding.Gzip, ContentEncoding.Zstd, ContentEncoding.Dcz];

    /// <summary>The encodings that need nothing but the file itself: every one but the deltas.</summary>
    public static IReadOnlyList<ContentEncoding> Ordinary { get; } = [.. All.Where(encoding => !encoding.IsDelta())];

    /// <summary>Made once: a key is built per streamed body, and this keeps that to one concatenation.</summary>
    private static readonly string[] KeySuffixes = [.. All.Select(e => e == ContentEncoding.Identity ? "" : "." + e.Token())];
}
