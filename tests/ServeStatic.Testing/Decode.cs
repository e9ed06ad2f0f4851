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

    public static string? ContentEncoding(HttpResponseMessage response) => response.Content.Headers.ContentEncoding.SingleOrDefault();
}
