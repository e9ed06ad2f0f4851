using System.Text;
using System.Text.RegularExpressions;

namespace ServeStatic.Build;

/// <summary>
/// A pattern of site paths to leave out of a build, in the spirit of <c>.gitignore</c>:
/// <list type="bullet">
/// <item><c>*</c> matches within one path segment, <c>?</c> one character of it, <c>**</c> any number of segments.</item>
/// <item>A pattern without <c>/</c> (<c>*.map</c>, <c>drafts</c>) matches the name of a file or folder at any depth.</item>
/// <item>A pattern with <c>/</c> (<c>docs/drafts</c>, <c>/private/**</c>) matches the path from the site root.</item>
/// <item>A trailing <c>/</c> (<c>tmp/</c>) matches folders only. Leaving out a folder leaves out all it holds.</item>
/// </list>
/// Matching is case-sensitive, like URL paths.
/// </summary>
public sealed class ExcludeGlob
{
    private readonly Regex _regex;
    private readonly bool _anchored;
    private readonly bool _foldersOnly;

    private ExcludeGlob(string pattern, Regex regex, bool anchored, bool foldersOnly)
    {
        Pattern = pattern;
        _regex = regex;
        _anchored = anchored;
        _foldersOnly = foldersOnly;
    }

    public string Pattern { get; }

    /// <exception cref="BuildException">The pattern is empty or only slashes.</exception>
    public static ExcludeGlob Parse(string pattern)
    {
        var body = pattern.Trim();
        var foldersOnly = body.EndsWith('/');
        body = body.TrimEnd('/');
        var anchored = body.Contains('/', StringComparison.Ordinal);
        body = body.TrimStart('/');
        if (body.Length == 0)
            throw new BuildException($"exclude pattern \"{pattern}\"", "the pattern is empty");
        return new ExcludeGlob(pattern, new Regex(ToRegex(body), RegexOptions.CultureInvariant | RegexOptions.Singleline), anchored, foldersOnly);
    }

    /// <summary>Whether the pattern leaves out the entry at <paramref name="relativePath"/> (site-relative, forward slashes).</summary>
    public bool Matches(string relativePath, bool isFolder)
    {
        if (_foldersOnly && !isFolder)
            return false;
        var subject = _anchored ? relativePath : relativePath[(relativePath.LastIndexOf('/') + 1)..];
        return _regex.IsMatch(subject);
    }

    private static string ToRegex(string glob)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                i++;
                if (i + 1 < glob.Length && glob[i + 1] == '/')
                {
                    i++;
                    regex.Append("(?:.*/)?"); // "**/" is zero or more whole segments
                }
                else
                {
                    regex.Append(".*");
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }
        return regex.Append('$').ToString();
    }
}
