namespace ServeStatic.Cli.Tests;

/// <summary>The small site the command tests build: a page and a stylesheet that compress, a source map and a dotfile.</summary>
internal static class SmallSite
{
    /// <summary>A new temporary folder holding the small site in <c>site/</c>; dispose it to delete it.</summary>
    public static TempSite Create()
    {
        var temp = new TempSite();
        temp.Write("index.html", "<!doctype html><title>x</title>" + string.Concat(Enumerable.Repeat("<p>Walks for every season.</p>\n", 200)));
        temp.Write("css/app.css", string.Concat(Enumerable.Repeat("body { margin: 0; color: #1d3b2a; }\n", 100)));
        temp.Write("app.js.map", "{}");
        temp.Write(".env", "SECRET=1");
        return temp;
    }
}
