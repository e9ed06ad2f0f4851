namespace ServeStatic.Index;

/// <summary>A content coding of one representation (RFC 9110 §8.4.1). Identity is the file as it is.</summary>
internal enum ContentEncoding
{
    Identity,
    Brotli,
    Gzip,
    Zstd,
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
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
    };

    /// <summary>The suffix a compressed variant's content key carries (<c>&lt;sha256&gt;.br</c>); empty for identity.</summary>
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

    public static IReadOnlyList<ContentEncoding> All { get; } =
        [ContentEncoding.Identity, ContentEncoding.Brotli, ContentEncoding.Gzip, ContentEncoding.Zstd];

    /// <summary>Made once: a key is built per streamed body, and this keeps that to one concatenation.</summary>
    private static readonly string[] KeySuffixes = [.. All.Select(e => e == ContentEncoding.Identity ? "" : "." + e.Token())];
}
