using System.Text;

namespace ServeStatic.Testing;

/// <summary>A real temporary folder holding a site (and room for outputs next to it), deleted afterwards.</summary>
internal sealed class TempSite : IDisposable
{
    private readonly TempFolder _root = new();

    public TempSite() => Directory.CreateDirectory(Site);

    /// <summary>The folder holding the site and any outputs.</summary>
    public string Root => _root.Path;

    public string Site => Path.Join(Root, "site");

    public string Output(string name = "release") => Path.Join(Root, name);

    public string Write(string relativePath, string text) => Write(relativePath, Encoding.UTF8.GetBytes(text));

    public string Write(string relativePath, byte[] bytes)
    {
        var path = Path.Join(Site, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Text that compresses well: <paramref name="size"/> bytes of repeated, slightly varied CSS.</summary>
    public static string CompressibleText(int size)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < size; i++)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $".rule-{i % 37} {{ margin: {i % 7}px; color: #{i % 4096:x3}; }}\n");
        return text.ToString(0, size);
    }

    /// <summary><paramref name="size"/> bytes that do not compress.</summary>
    public static byte[] RandomBytes(int size, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A copy of the repository's sample site inside this temporary folder.</summary>
    public static TempSite FromSample()
    {
        var temp = new TempSite();
        var sample = Repository.SampleSite;
        foreach (var file in Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories))
        {
            var target = Path.Join(temp.Site, Path.GetRelativePath(sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetLastWriteTimeUtc(target, new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc));
        }
        return temp;
    }

    public void Dispose() => _root.Dispose();
}
