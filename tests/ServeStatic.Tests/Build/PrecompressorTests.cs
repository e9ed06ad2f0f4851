using System.IO.Compression;
using System.Text;
using ServeStatic.Build;
using ServeStatic.Index;
using ZstdSharp;

namespace ServeStatic.Tests.Build;

public class PrecompressorTests
{
    [Theory]
    [InlineData(10_000, 8_976)]
    [InlineData(100_000, 95_000)]
    [InlineData(1_024, 0)]
    public void A_variant_must_save_five_percent_and_a_kibibyte(long size, long limit) =>
        Assert.Equal(limit, Precompressor.KeepLimit(size));

    [Theory]
    [InlineData(ContentEncoding.Brotli)]
    [InlineData(ContentEncoding.Gzip)]
    [InlineData(ContentEncoding.Zstd)]
    internal void A_compressed_variant_decompresses_to_the_original(ContentEncoding encoding)
    {
        var original = Encoding.UTF8.GetBytes(TempSite.CompressibleText(50_000));
        var compressed = new Precompressor(PrecompressionLevel.Best).Compress(original, encoding);
        Assert.NotNull(compressed);
        Assert.True(compressed.Length < original.Length / 2);
        Assert.Equal(original, Decompress(encoding, compressed));
    }

    [Theory]
    [InlineData(ContentEncoding.Brotli)]
    [InlineData(ContentEncoding.Gzip)]
    [InlineData(ContentEncoding.Zstd)]
    internal void Bytes_that_do_not_compress_get_no_variant(ContentEncoding encoding) =>
        Assert.Null(new Precompressor(PrecompressionLevel.Best).Compress(TempSite.RandomBytes(50_000), encoding));

    [Theory]
    [InlineData(ContentEncoding.Brotli)]
    [InlineData(ContentEncoding.Gzip)]
    [InlineData(ContentEncoding.Zstd)]
    internal void A_file_too_small_to_save_a_kibibyte_gets_no_variant(ContentEncoding encoding) =>
        Assert.Null(new Precompressor(PrecompressionLevel.Best).Compress(Encoding.UTF8.GetBytes(TempSite.CompressibleText(1_000)), encoding));

    [Fact]
    public void The_none_level_produces_no_encodings() =>
        Assert.Empty(new Precompressor(PrecompressionLevel.None).Encodings);

    internal static byte[] Decompress(ContentEncoding encoding, byte[] compressed)
    {
        if (encoding == ContentEncoding.Zstd)
        {
            using var decompressor = new Decompressor();
            return decompressor.Unwrap(compressed).ToArray();
        }
        using var input = new MemoryStream(compressed);
        using Stream stream = encoding == ContentEncoding.Brotli
            ? new BrotliStream(input, CompressionMode.Decompress)
            : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }
}
