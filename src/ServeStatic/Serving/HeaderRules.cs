namespace ServeStatic.Serving;

/// <summary>Applies the configured <see cref="HeaderRule"/>s to an asset path, once, when the index is loaded.</summary>
internal static class HeaderRules
{
    /// <summary>Headers the responder computes per representation and per request; a rule may not replace them.</summary>
    private static readonly string[] Reserved =
        ["Content-Length", "Content-Encoding", "Content-Range", "Transfer-Encoding", "ETag", "Last-Modified", "Vary", "Accept-Ranges"];

    public static bool IsReserved(string name) => Reserved.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The headers the rules set for <paramref name="path"/>, in rule order, a later rule replacing an earlier one's value.</summary>
    public static List<KeyValuePair<string, string>> For(string path, IList<HeaderRule> rules)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var rule in rules)
        {
            if (!Matches(rule.Glob, path))
                continue;
            headers.RemoveAll(h => string.Equals(h.Key, rule.Name, StringComparison.OrdinalIgnoreCase));
            headers.Add(new(rule.Name, rule.Value));
        }
        return headers;
    }

    /// <summary>A glob without a slash matches the file name in any folder; with one, the whole path.</summary>
    public static bool Matches(string glob, string path)
    {
        if (!glob.Contains('/'))
            return Match(glob, path.AsSpan(path.LastIndexOf('/') + 1));
        return glob[0] == '/' ? Match(glob, path) : Match("/" + glob, path);
    }

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        while (!pattern.IsEmpty)
        {
            if (pattern.StartsWith("**"))
            {
                var rest = pattern[2..];
                for (var i = 0; i <= text.Length; i++)
                {
                    if (Match(rest, text[i..]))
                        return true;
                }
                return false;
            }
            if (pattern[0] == '*')
            {
                var rest = pattern[1..];
                for (var i = 0; i <= text.Length; i++)
                {
                    if (Match(rest, text[i..]))
                        return true;
                    if (i < text.Length && text[i] == '/')
                        return false;
                }
                return false;
            }
            if (text.IsEmpty || (pattern[0] == '?' ? text[0] == '/' : pattern[0] != text[0]))
                return false;
            pattern = pattern[1..];
            text = text[1..];
        }
        return text.IsEmpty;
    }
}
