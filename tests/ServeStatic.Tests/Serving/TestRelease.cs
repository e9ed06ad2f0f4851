using System.IO.Compression;
using System.Security.Cryptography;
using ServeStatic.Index;

namespace ServeStatic.Tests.Serving;

/// <summary>Writes a release folder the way the build does (content/&lt;key&gt;, releases/&lt;id&gt;.json, current), with real br, gzip and zstd bodies.</summary>
internal sealed class TestRelease
{
    public static readonly DateTimeOffset Modified = new(2026, 11, 20, 8, 30, 15, TimeSpan.Zero);

    private readonly List<(string Path, byte[] Bytes, string ContentType, bool Immutable, bool Compress)> _files = [];

    public IReadOnlyDictionary<string, byte[]> Files => _files.ToDictionary(f => f.Path, f => f.Bytes);

    public TestRelease Add(string path, byte[] bytes, string contentType, bool immutable = false, bool compress = true)
    {
        _files.Add((path, bytes, contentType, immutable, compress));
        return this;
    }

    public TestRelease Add(string path, string text, string contentType = "text/plain; charset=utf-8", bool immutable = false, bool compress = true) =>
        Add(path, System.Text.Encoding.UTF8.GetBytes(text), contentType, immutable, compress);

    /// <summary>Writes the release into <paramref name="folder"/> and points <c>current</c> at it; returns its id.</summary>
    public string WriteTo(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "content"));
        Directory.CreateDirectory(Path.Combine(folder, "releases"));
        var assets = new List<AssetRecord>();
        foreach (var (path, bytes, contentType, immutable, compress) in _files)
        {
            var sha = Sha256(bytes);
            var variants = new List<VariantRecord> { Write(folder, sha, bytes) };
            if (compress)
            {
                variants.Add(Write(folder, sha + ".br", Brotli(bytes), ContentEncoding.Brotli));
                variants.Add(Write(folder, sha + ".gzip", Gzip(bytes), ContentEncoding.Gzip));
                variants.Add(Write(folder, sha + ".zstd", new ZstdSharp.Compressor(19).Wrap(bytes).ToArray(), ContentEncoding.Zstd));
            }
            assets.Add(new AssetRecord(path, contentType, bytes.Length, sha, "sha256-" + Convert.ToBase64String(SHA256.HashData(bytes)),
                Modified, immutable, variants));
        }
        var json = IndexSerializer.Serialize(new ReleaseIndex(ReleaseIndex.CurrentSchemaVersion, assets));
        var id = IndexSerializer.ComputeReleaseId(json);
        File.WriteAllBytes(Path.Combine(folder, ReleaseLayout.IndexPath(id)), json);
        File.WriteAllText(Path.Combine(folder, ReleaseLayout.Current), ReleaseLayout.FormatCurrent(id));
        return id;
    }

    public static byte[] Brotli(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.SmallestSize))
            brotli.Write(bytes);
        return output.ToArray();
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
            gzip.Write(bytes);
        return output.ToArray();
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static VariantRecord Write(string folder, string key, byte[] bytes, ContentEncoding encoding = ContentEncoding.Identity)
    {
        File.WriteAllBytes(Path.Combine(folder, ReleaseLayout.ContentPath(key)), bytes);
        return new VariantRecord(encoding, bytes.Length, key, Sha256(bytes));
    }
}
