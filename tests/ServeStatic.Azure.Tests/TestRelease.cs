using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using ServeStatic.Index;

namespace ServeStatic.Azure.Tests;

/// <summary>
/// Writes a release folder in the release layout from a few files, with the index model: identity plus a gzip variant
/// for each file. Names that look fingerprinted (<c>app.3f2a9c1b.css</c>) are marked immutable.
/// </summary>
public sealed class TestRelease
{
    private TestRelease(string folder, string id, ReleaseIndex index)
    {
        Folder = folder;
        Id = id;
        Index = index;
    }

    public string Folder { get; }

    public string Id { get; }

    internal ReleaseIndex Index { get; }

    internal AssetRecord Asset(string path) => Index.Assets.Single(a => a.Path == path);

    public static TestRelease Write(params (string Path, string Text)[] files) =>
        Write(files.Select(f => (f.Path, Encoding.UTF8.GetBytes(f.Text))).ToArray());

    public static TestRelease Write(params (string Path, byte[] Bytes)[] files)
    {
        var folder = Directory.CreateTempSubdirectory("servestatic-release-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "content"));
        Directory.CreateDirectory(Path.Combine(folder, "releases"));
        var assets = new List<AssetRecord>();
        foreach (var (path, bytes) in files)
        {
            var sha = Sha256(bytes);
            File.WriteAllBytes(Path.Combine(folder, "content", sha), bytes);
            var gzip = Gzip(bytes);
            var gzipKey = sha + ContentEncoding.Gzip.KeySuffix();
            File.WriteAllBytes(Path.Combine(folder, "content", gzipKey), gzip);
            assets.Add(new AssetRecord(
                path, ContentType(path), bytes.Length, sha, "sha256-" + Convert.ToBase64String(SHA256.HashData(bytes)),
                new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), LooksFingerprinted(path),
                [
                    new VariantRecord(ContentEncoding.Identity, bytes.Length, sha, sha),
                    new VariantRecord(ContentEncoding.Gzip, gzip.Length, gzipKey, Sha256(gzip)),
                ]));
        }
        var index = new ReleaseIndex(ReleaseIndex.CurrentSchemaVersion, assets);
        var serialized = IndexSerializer.Serialize(index);
        var id = IndexSerializer.ComputeReleaseId(serialized);
        File.WriteAllBytes(Path.Combine(folder, ReleaseLayout.IndexPath(id)), serialized);
        File.WriteAllText(Path.Combine(folder, ReleaseLayout.Current), ReleaseLayout.FormatCurrent(id));
        return new TestRelease(folder, id, index);
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
            gzip.Write(bytes);
        return output.ToArray();
    }

    private static bool LooksFingerprinted(string path)
    {
        var parts = Path.GetFileName(path).Split('.');
        return parts.Length >= 3 && parts[^2].Length >= 8 && parts[^2].All(char.IsAsciiHexDigitLower);
    }

    private static string ContentType(string path) => Path.GetExtension(path) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".html" => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    };
}
