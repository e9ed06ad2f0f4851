using System.Buffers;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace ServeStatic.Build;

/// <summary>
/// Makes a dcz body (RFC 9842 §5, Dictionary-Compressed Zstandard): a fixed header, the SHA-256 of the dictionary, then a
/// Zstandard frame compressed with the dictionary (an earlier version of the file) as raw content.
/// </summary>
internal static class DeltaCompressor
{
    /// <summary>RFC 9842 §5: the header is a Zstandard skippable frame (magic 0x184D2A5E) whose 32-byte payload is the dictionary's hash.</summary>
    public static ReadOnlySpan<byte> Header => [0x5e, 0x2a, 0x4d, 0x18, 0x20, 0x00, 0x00, 0x00];

    /// <summary>The header and the hash that follows it.</summary>
    public const int PrefixLength = 8 + 32;

    /// <summary>The compression level of a release build's deltas: the level of its zstd variants (<see cref="Precompressor"/>).</summary>
    private const int Level = 19;

    /// <summary>
    /// RFC 9842 §5: a client decodes a window of up to 8 MB or 1.25 times the dictionary, whichever is larger, at most 128 MB, and
    /// the window used must stay within that limit (a power of two here, never above it).
    /// A pair whose dictionary and content together exceed this is not made (the window could not reach the dictionary).
    /// </summary>
    public const long MaxWindow = 128L << 20;

    private const long DefaultWindow = 8L << 20;

    /// <summary>A Zstandard dictionary starts with this; any other buffer is loaded as raw content, which is what dcz means.</summary>
    private static ReadOnlySpan<byte> ZstdDictionaryMagic => [0x37, 0xa4, 0x30, 0xec];

    /// <summary>True when <paramref name="dictionary"/> and a content of <paramref name="contentLength"/> bytes fit one window the RFC allows.</summary>
    public static bool Fits(long dictionaryLength, long contentLength) =>
        dictionaryLength + contentLength <= WindowLimit(dictionaryLength);

    /// <summary>The dcz body of <paramref name="content"/> against <paramref name="dictionary"/>, or null when it is not smaller than <paramref name="limit"/> bytes or cannot be made.</summary>
    /// <param name="dictionarySha256">The SHA-256 of <paramref name="dictionary"/> (32 bytes).</param>
    public static byte[]? Compress(ReadOnlySpan<byte> content, byte[] dictionary, ReadOnlySpan<byte> dictionarySha256, long limit)
    {
        if (limit <= PrefixLength || !Fits(dictionary.Length, content.Length) || dictionary.AsSpan().StartsWith(ZstdDictionaryMagic))
            return null;
        using var compressor = new Compressor(Level);
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_windowLog, WindowLog(dictionary.Length + content.Length, WindowLimit(dictionary.Length)));
        compressor.LoadDictionary(dictionary);
        var buffer = ArrayPool<byte>.Shared.Rent((int)limit);
        try
        {
            var output = buffer.AsSpan(0, (int)limit);
            Header.CopyTo(output);
            dictionarySha256.CopyTo(output[Header.Length..]);
            return compressor.TryWrap(content, output[PrefixLength..], out var written)
                ? output[..(PrefixLength + written)].ToArray()
                : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static long WindowLimit(long dictionaryLength) => Math.Min(MaxWindow, Math.Max(DefaultWindow, dictionaryLength + (dictionaryLength / 4)));

    /// <summary>The smallest power of two covering <paramref name="needed"/> bytes, not over <paramref name="limit"/> (zstd: 2^10 and up).</summary>
    private static int WindowLog(long needed, long limit)
    {
        var log = 10;
        while ((1L << log) < needed && (1L << (log + 1)) <= limit)
            log++;
        return log;
    }
}
