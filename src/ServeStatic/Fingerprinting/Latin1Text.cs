using System.Text;

namespace ServeStatic.Fingerprinting;

/// <summary>
/// Files are scanned as Latin-1 text, one char per byte, so that offsets are byte offsets and every byte a rewrite does
/// not touch is written back unchanged, whatever the file's encoding. A URL found in that text is decoded as UTF-8.
/// </summary>
internal static class Latin1Text
{
    public static string FromBytes(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    public static byte[] ToBytes(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>The UTF-8 meaning of raw Latin-1 text (ASCII, the common case, comes back as is).</summary>
    public static string DecodeUtf8(ReadOnlySpan<char> raw)
    {
        if (!raw.ContainsAnyExceptInRange('\0', '\x7f'))
            return raw.ToString();
        Span<byte> bytes = raw.Length <= 512 ? stackalloc byte[raw.Length] : new byte[raw.Length];
        Encoding.Latin1.GetBytes(raw, bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The Latin-1 view of UTF-8 text: how <paramref name="text"/> appears in a scanned file.</summary>
    public static string EncodeUtf8(string text) =>
        text.AsSpan().ContainsAnyExceptInRange('\0', '\x7f') ? Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text)) : text;
}
