using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>
/// Imports a Netlify/Cloudflare-style <c>_headers</c> file into the site's header rules: a path at the start of a line,
/// then its headers indented below it (<c>  X-Frame-Options: DENY</c>), <c>#</c> comments. A path's <c>*</c> matches
/// across folders and a <c>:placeholder</c> one segment; a header named twice for one path gets both values, comma-joined.
/// What cannot be honoured (a host in the path, Cloudflare's <c>! Header</c> removal) is an error at its line.
/// </summary>
internal static class HeadersFile
{
    public const string Name = "_headers";

    /// <exception cref="BuildException">The file cannot be read, or a line cannot be honoured; the message names the file and line.</exception>
    public static void Read(string path, SiteRulesFile rules)
    {
        rules.HeadersPath = path;
        BuildException Error(int line, string problem) => new($"{path}:{line}", problem);

        string? glob = null;
        var pathLine = 0;
        List<(string Name, string Value, int Line)> block = [];
        void EndBlock()
        {
            if (glob is null)
                return;
            if (block.Count == 0)
                throw Error(pathLine, $"the path {glob} has no headers below it (indented \"Name: value\" lines)");
            foreach (var group in block.GroupBy(header => header.Name, StringComparer.OrdinalIgnoreCase))
                rules.Headers.Add((new HeaderRuleRecord(glob, group.First().Name, string.Join(", ", group.Select(header => header.Value))), group.First().Line));
            block.Clear();
        }

        var number = 0;
        foreach (var text in RedirectsFile.ReadLines(path))
        {
            number++;
            var line = text.Trim();
            if (line.Length == 0 || line[0] == '#')
                continue;
            if (!char.IsWhiteSpace(text[0]))
            {
                EndBlock();
                if (line.Contains("://", StringComparison.Ordinal))
                    throw Error(number, $"the path {line}: headers for a host cannot be honoured: the app answers whatever host reaches it");
                if (line[0] != '/')
                    throw Error(number, $"\"{line}\" is neither a path (/…) nor an indented \"Name: value\" header");
                glob = Glob(line);
                pathLine = number;
                continue;
            }
            if (glob is null)
                throw Error(number, $"the header \"{line}\" comes before any path");
            if (line[0] == '!')
                throw Error(number, $"\"{line}\" removes a header, which cannot be honoured: a rule sets headers, it does not remove them");
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw Error(number, $"\"{line}\" is not a header (Name: value)");
            block.Add((line[..colon].Trim(), line[(colon + 1)..].Trim(), number));
        }
        EndBlock();
    }

    /// <summary>
    /// The <see cref="SitePathGlob"/> a path is: <c>*</c> matches across folders (<c>**</c>), a <c>:placeholder</c> one segment
    /// (<c>*</c>), and a folder (<c>/</c>, <c>/docs/</c>) is its index page.
    /// </summary>
    private static string Glob(string path)
    {
        var glob = string.Join('/', path.Split('/').Select(segment => segment.StartsWith(':') ? "*" : segment.Replace("*", "**", StringComparison.Ordinal)));
        return glob.EndsWith('/') ? glob + "index.html" : glob;
    }
}
