using System.Buffers;
using System.IO.Compression;
using ServeStatic.Index;
using ZstdSharp;

namespace ServeStatic.Build;

/// <summary>
/// Compresses an original into one content coding, and keeps the result only when it pays:
/// it must save at least <see cref="MinimumSavedFraction"/> of the original and at least <see cref="MinimumSavedBytes"/>.
/// A variant that saves less costs storage and a <c>Vary</c> split in every cache for no visible gain.
/// </summary>
internal sealed class Precompressor(PrecompressionLevel level)
{
    /// <summary>A variant must save at least 5 % of the original...</summary>
    public const double MinimumSavedFraction = 0.05;

    /// <summary>...and at least about one TCP segment's payload (1,400–1,460 bytes), rounded down to 1 KiB.</summary>
    public const int MinimumSavedBytes = 1024;

    /// <summary>The encodings a build produces, in the order the index lists them.</summary>
    public IReadOnlyList<ContentEncoding> Encodings { get; } = level == PrecompressionLevel.None
        ? []
        : [ContentEncoding.Brotli, ContentEncoding.Gzip, ContentEncoding.Zstd];

    /// <summary>The largest compressed size worth keeping for an original of <paramref name="size"/> bytes (≤ 0: none is).</summary>
    public static long KeepLimit(long size) =>
        size - Math.Max(MinimumSavedBytes, (long)Math.Ceiling(size * MinimumSavedFraction));

    /// <summary>The compressed bytes, or null when they would not save enough to keep.</summary>
    public byte[]? Compress(ReadOnlySpan<byte> original, ContentEncoding encoding)
    {
        var limit = KeepLimit(original.Length);
        if (limit <= 0)
            return null;
        return encoding switch
        {
            ContentEncoding.Brotli => Brotli(original, (int)limit),
            ContentEncoding.Gzip => Gzip(original, limit),
            ContentEncoding.Zstd => Zstd(original, (int)limit),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "not a compressed encoding"),
        };
    }

    private byte[]? Brotli(ReadOnlySpan<byte> original, int limit)
    {
        // RFC 7932: quality 0–11; window 2^10–2^24 bytes. Best uses the largest standard window every browser decodes.
        var (quality, window) = level == PrecompressionLevel.Best ? (11, 24) : (5, 22);
        var buffer = ArrayPool<byte>.Shared.Rent(limit);
        try
        {
            return BrotliEncoder.TryCompress(original, buffer.AsSpan(0, limit), out var written, quality, window)
                ? buffer.AsSpan(0, written).ToArray()
                : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private byte[]? Gzip(ReadOnlySpan<byte> original, long limit)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level == PrecompressionLevel.Best ? CompressionLevel.SmallestSize : CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(original);
        return output.Length <= limit ? output.ToArray() : null;
    }

    private byte[]? Zstd(ReadOnlySpan<byte> original, int limit)
    {
        // RFC 9659 §3: a zstd Content-Encoding must not need a window over 8 MB. Level 19 uses at most 2^23 = 8 MiB;
        // levels 20–22 use more, so 19 is the highest level a browser is sure to decode.
        using var compressor = new Compressor(level == PrecompressionLevel.Best ? 19 : 3);
        var buffer = ArrayPool<byte>.Shared.Rent(limit);
        try
        {
            return compressor.TryWrap(original, buffer.AsSpan(0, limit), out var written)
                ? buffer.AsSpan(0, written).ToArray()
                : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
