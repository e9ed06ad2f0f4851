namespace ServeStatic.Cli.Tests;

/// <summary>A real temporary folder with a small site in <c>site/</c>, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = Path.Join(Path.GetTempPath(), "servestatic-cli-" + Guid.NewGuid().ToString("N"));
        Site = Path.Join(Root, "site");
        Directory.CreateDirectory(Site);
        Write("index.html", "<!doctype html><title>x</title>" + string.Concat(Enumerable.Repeat("<p>Walks for every season.</p>\n", 200)));
        Write("css/app.css", string.Concat(Enumerable.Repeat("body { margin: 0; color: #1d3b2a; }\n", 100)));
        Write("app.js.map", "{}");
        Write(".env", "SECRET=1");
    }

    public string Root { get; }

    public string Site { get; }

    public string Output => Path.Join(Root, "release");

    public void Write(string relativePath, string text)
    {
        var path = Path.Join(Site, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
