using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace ServeStatic;

/// <summary>
/// A glob of site paths: the one dialect of every option that names files of a site (<c>--exclude</c>,
/// <c>--entry-point</c>, header rules), in the spirit of <c>.gitignore</c> (docs/globs.md):
/// <list type="bullet">
/// <item><c>*</c> matches within one path segment, <c>?</c> one character of it, <c>**</c> across segments
/// (<c>**/</c> is zero or more whole folders).</item>
/// <item>A pattern without <c>/</c> (<c>*.map</c>, <c>drafts</c>) matches the name of a file or folder at any depth.</item>
/// <item>A pattern with <c>/</c> (<c>docs/drafts</c>, <c>/private/**</c>) matches the path from the site root.</item>
/// <item>A trailing <c>/</c> (<c>tmp/</c>) matches folders only.</item>
/// <item>A pattern that matches a folder matches everything in it.</item>
/// </list>
/// Matching is ordinal and case-sensitive, like URL paths. There are no character classes and no negation.
/// </summary>
internal sealed class SitePathGlob
{
    private readonly Regex _regex;

    private SitePathGlob(Regex regex) => _regex = regex;

    /// <exception cref="FormatException">The pattern is empty or only slashes.</exception>
    public static SitePathGlob Parse(string pattern) =>
        TryParse(pattern, out var glob) ? glob : throw new FormatException("the pattern is empty");

    /// <summary>False when the pattern is empty or only slashes.</summary>
    public static bool TryParse(string pattern, [NotNullWhen(true)] out SitePathGlob? glob)
    {
        var body = pattern.Trim();
        var foldersOnly = body.EndsWith('/');
        body = body.TrimEnd('/');
        var anchored = body.Contains('/', StringComparison.Ordinal);
        body = body.TrimStart('/');
        if (body.Length == 0)
        {
            glob = null;
            return false;
        }
        // Matched against the path without its leading slash, a folder's with its trailing one: the pattern matches a
        // whole segment sequence that starts at the root (anchored) or at any segment, and ends the path or a folder of it.
        var regex = new StringBuilder(anchored ? "^" : "(?:^|/)");
        AppendSegments(regex, body);
        regex.Append(foldersOnly ? "/" : @"(?:/|\z)");
        glob = new SitePathGlob(new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline));
        return true;
    }

    /// <summary>
    /// Whether the pattern matches <paramref name="sitePath"/> or a folder that holds it. A site path starts with <c>/</c>
    /// (<c>/docs/a.html</c>); a folder's ends with one too (<c>/docs/</c>).
    /// </summary>
    public bool Matches(string sitePath) => Matches(sitePath.AsSpan());

    /// <inheritdoc cref="Matches(string)"/>
    public bool Matches(ReadOnlySpan<char> sitePath) => _regex.IsMatch(sitePath[1..]);

    private static void AppendSegments(StringBuilder regex, string glob)
    {
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
    }
}
