using System.IO.Compression;

namespace ServeStatic.Testing;

/// <summary>Undoes a content coding with a real decoder.</summary>
internal static class Decode
{
    public static byte[] Body(string? contentEncoding, byte[] body)
    {
        switch (contentEncoding)
        {
            case null:
                return body;
            case "zstd":
                using (var zstd = new ZstdSharp.Decompressor())
                    return zstd.Unwrap(body).ToArray();
        }
        using var input = new MemoryStream(body);
        using Stream decoder = contentEncoding switch
        {
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            _ => throw new ArgumentException($"unexpected Content-Encoding {contentEncoding}"),
        };
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>
    /// Undoes dcz (RFC 9842 §5.2) with ZstdSharp: checks the fixed header and the dictionary hash that follow it, then decodes
    /// the Zstandard frame with <paramref name="dictionary"/> as raw content.
    /// </summary>
    public static byte[] Delta(byte[] body, byte[] dictionary)
    {
        byte[] header = [0x5e, 0x2a, 0x4d, 0x18, 0x20, 0x00, 0x00, 0x00];
        Assert.True(body.AsSpan().StartsWith(header), "a dcz body starts with its 8-byte header");
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(dictionary), body.AsSpan(8, 32).ToArray());
        using var zstd = new ZstdSharp.Decompressor();
        zstd.LoadDictionary(dictionary);
        return zstd.Unwrap(body.AsSpan(40)).ToArray();
    }

    public static string? ContentEncoding(HttpResponseMessage response) => response.Content.Headers.ContentEncoding.SingleOrDefault();
}
