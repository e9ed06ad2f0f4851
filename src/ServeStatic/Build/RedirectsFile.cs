using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>
/// Imports a Netlify/Cloudflare-style <c>_redirects</c> file into the site's rules: one rule a line,
/// <c>from to [status][!]</c>, <c>#</c> comments; <c>:placeholders</c> and a final <c>*</c> (<c>:splat</c> in the target)
/// as in <c>servestatic.json</c>. 301, 302, 307 and 308 redirect (301 when no status is given), 200 rewrites, and
/// <c>/* /page 404</c> names the 404 page. What cannot be honoured (a proxy to another host, conditions such as
/// <c>Country=</c>, query matching, a host in <c>from</c>, other statuses) is an error at its line, never dropped.
/// </summary>
internal static class RedirectsFile
{
    public const string Name = "_redirects";

    /// <exception cref="BuildException">The file cannot be read, or a line cannot be honoured; the message names the file and line.</exception>
    public static void Read(string path, SiteRulesFile rules)
    {
        var number = 0;
        foreach (var text in ReadLines(path))
        {
            number++;
            var line = text.Trim();
            if (line.Length == 0 || line[0] == '#')
                continue;
            Rule(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), number, rules);
        }
    }

    /// <summary>The lines of a plain-text rules file.</summary>
    /// <exception cref="BuildException">It cannot be read.</exception>
    public static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildException(path, $"cannot be read: {e.Message}", e);
        }
    }

    private static void Rule(string[] parts, int line, SiteRulesFile rules)
    {
        var rule = $"\"{string.Join(' ', parts)}\"";
        var from = parts[0];
        if (from.Contains("://", StringComparison.Ordinal))
            throw rules.Error(line, $"{rule}: a rule for a host ({from}) cannot be honoured: the app answers whatever host reaches it; redirect hosts in front of it");
        if (parts.Length < 2 || parts[1].Contains('=', StringComparison.Ordinal) && !IsTarget(parts[1]))
            throw rules.Error(line, parts.Length < 2
                ? $"{rule}: has no target (from to [status])"
                : $"{rule}: matching the query ({parts[1]}) cannot be honoured: a rule matches the path only");
        var to = parts[1];
        var status = SiteRulesFile.DefaultRedirectStatus;
        var force = false;
        if (parts.Length > 2)
        {
            var written = parts[2];
            force = written.EndsWith('!');
            if (!int.TryParse(force ? written[..^1] : written, out status))
                throw rules.Error(line, $"{rule}: {written} is not a status (301, 302, 307, 308, 200 or 404, with ! to force)");
        }
        if (parts.Length > 3)
            throw rules.Error(line, $"{rule}: the condition {parts[3]} cannot be honoured: a rule applies to every visitor alike (no country, language, role or cookie conditions)");
        if (force)
            rules.Forced.Add((from, line));

        switch (status)
        {
            case 200 when to.Contains("://", StringComparison.Ordinal):
                throw rules.Error(line, $"{rule}: a 200 to another host is a proxy, which cannot be honoured: redirect there (301 or 302) instead");
            case 200:
                rules.Rewrites.Add((new RewriteRule(from, to), line));
                break;
            case 404 when from == "/*":
                rules.NotFoundPage = (to, line);
                break;
            case 404:
                throw rules.Error(line, $"{rule}: a 404 rule for {from} cannot be honoured; only /* names the 404 page (for a folder, put a 404.html in it)");
            case >= 300 and < 400:
                rules.Redirects.Add((new RedirectRule(from, to, status, PreserveQuery: true), line));
                break;
            default:
                throw rules.Error(line, $"{rule}: status {status} cannot be honoured: a rule redirects (301, 302, 307, 308), rewrites (200) or names the 404 page (/* … 404)");
        }
    }

    private static bool IsTarget(string part) => part.StartsWith('/') || part.Contains("://", StringComparison.Ordinal);
}
