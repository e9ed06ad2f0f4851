using System.IO.Compression;
using System.Security.Cryptography;
using ServeStatic.Index;

namespace ServeStatic.Testing;

/// <summary>
/// A release made by hand from a few files and written the way the build writes one (content/&lt;key&gt;,
/// releases/&lt;id&gt;.json, current), with real compressed bodies: br, gzip and zstd unless other codings are given.
/// </summary>
internal sealed class TestRelease
{
    public static readonly DateTimeOffset Modified = new(2026, 11, 20, 8, 30, 15, TimeSpan.Zero);

    private readonly ContentEncoding[] _codings;
    private readonly List<(string Path, byte[] Bytes, string ContentType, bool Immutable, bool Compress)> _files = [];

    /// <param name="codings">The compressed variants written for each file that is compressed; none given: br, gzip and zstd.</param>
    public TestRelease(params ContentEncoding[] codings) =>
        _codings = codings.Length > 0 ? codings : [ContentEncoding.Brotli, ContentEncoding.Gzip, ContentEncoding.Zstd];

    public TestRelease Add(string path, byte[] bytes, string contentType, bool immutable = false, bool compress = true)
    {
        _files.Add((path, bytes, contentType, immutable, compress));
        return this;
    }

    public TestRelease Add(string path, string text, string contentType = "text/plain; charset=utf-8", bool immutable = false, bool compress = true) =>
        Add(path, System.Text.Encoding.UTF8.GetBytes(text), contentType, immutable, compress);

    /// <summary>
    /// A release of <paramref name="files"/> with a gzip variant each, in a new temporary folder: the content type follows
    /// the extension and names that look fingerprinted (<c>app.3f2a9c1b.css</c>) are immutable.
    /// </summary>
    public static WrittenRelease Write(params (string Path, string Text)[] files) =>
        Write(files.Select(f => (f.Path, System.Text.Encoding.UTF8.GetBytes(f.Text))).ToArray());

    /// <inheritdoc cref="Write(ValueTuple{string, string}[])"/>
    public static WrittenRelease Write(params (string Path, byte[] Bytes)[] files)
    {
        var release = new TestRelease(ContentEncoding.Gzip);
        foreach (var (path, bytes) in files)
            release.Add(path, bytes, ContentTypeOf(path), LooksFingerprinted(path));
        var folder = Directory.CreateTempSubdirectory("servestatic-release-").FullName;
        var (id, index) = release.Write(folder);
        return new WrittenRelease(folder, id, index);
    }

    /// <summary>Writes the release into <paramref name="folder"/> and points <c>current</c> at it; returns its id.</summary>
    public string WriteTo(string folder) => Write(folder).Id;

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private (string Id, ReleaseIndex Index) Write(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "content"));
        Directory.CreateDirectory(Path.Combine(folder, "releases"));
        var assets = new List<AssetRecord>();
        foreach (var (path, bytes, contentType, immutable, compress) in _files)
        {
            var sha = Sha256(bytes);
            var variants = new List<VariantRecord> { WriteContent(folder, sha, bytes) };
            if (compress)
                variants.AddRange(_codings.Select(coding => WriteContent(folder, sha + coding.KeySuffix(), Compress(coding, bytes), coding)));
            assets.Add(new AssetRecord(path, contentType, bytes.Length, sha, "sha256-" + Convert.ToBase64String(SHA256.HashData(bytes)),
                Modified, immutable, variants));
        }
        var index = new ReleaseIndex(ReleaseIndex.CurrentSchemaVersion, assets);
        var json = IndexSerializer.Serialize(index);
        var id = IndexSerializer.ComputeReleaseId(json);
        File.WriteAllBytes(Path.Combine(folder, ReleaseLayout.IndexPath(id)), json);
        File.WriteAllText(Path.Combine(folder, ReleaseLayout.Current), ReleaseLayout.FormatCurrent(id));
        return (id, index);
    }

    private static byte[] Compress(ContentEncoding coding, byte[] bytes)
    {
        if (coding == ContentEncoding.Zstd)
            return new ZstdSharp.Compressor(19).Wrap(bytes).ToArray();
        using var output = new MemoryStream();
        using (Stream compressor = coding switch
        {
            ContentEncoding.Brotli => new BrotliStream(output, CompressionLevel.SmallestSize),
            ContentEncoding.Gzip => new GZipStream(output, CompressionLevel.SmallestSize),
            _ => throw new ArgumentOutOfRangeException(nameof(coding), coding, "not a compressed coding"),
        })
            compressor.Write(bytes);
        return output.ToArray();
    }

    private static VariantRecord WriteContent(string folder, string key, byte[] bytes, ContentEncoding encoding = ContentEncoding.Identity)
    {
        File.WriteAllBytes(Path.Combine(folder, ReleaseLayout.ContentPath(key)), bytes);
        return new VariantRecord(encoding, bytes.Length, key, Sha256(bytes));
    }

    private static bool LooksFingerprinted(string path)
    {
        var parts = Path.GetFileName(path).Split('.');
        return parts.Length >= 3 && parts[^2].Length >= 8 && parts[^2].All(char.IsAsciiHexDigitLower);
    }

    private static string ContentTypeOf(string path) => Path.GetExtension(path) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".html" => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    };
}
