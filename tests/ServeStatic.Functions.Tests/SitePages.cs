using System.Text.RegularExpressions;

namespace ServeStatic.Functions.Tests;

/// <summary>The pages of a site folder and what their HTML references, as a browser would request it.</summary>
internal static partial class SitePages
{
    /// <summary>The URL of each HTML page of a site folder: <c>/about.html</c>, and <c>/blog/</c> for <c>blog/index.html</c>.</summary>
    public static IReadOnlyList<string> Of(string siteFolder) =>
        Directory.EnumerateFiles(siteFolder, "*.html", SearchOption.AllDirectories)
            .Select(file => "/" + Path.GetRelativePath(siteFolder, file).Replace('\\', '/'))
            .Select(path => path.EndsWith("/index.html", StringComparison.Ordinal) ? path[..^"index.html".Length] : path)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The paths on the same site that the <c>href</c> and <c>src</c> attributes of a page point at (no query or fragment).</summary>
    public static IReadOnlyList<string> References(string html, string pagePath)
    {
        var page = new Uri(new Uri("http://site.test"), pagePath);
        return Attribute().Matches(html)
            .Select(m => new Uri(page, m.Groups["url"].Value))
            .Where(uri => uri.Scheme == "http" && uri.Host == page.Host)
            .Select(uri => uri.AbsolutePath)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A page or a folder (which the build never fingerprints) rather than an asset.</summary>
    public static bool IsPage(string path) => path.EndsWith('/') || path.EndsWith(".html", StringComparison.Ordinal);

    /// <summary>A fingerprinted name: ten lowercase hex digits before the extension (docs/fingerprinting.md, "Names").</summary>
    public static bool IsFingerprinted(string path) => FingerprintedName().IsMatch(path);

    [GeneratedRegex("""\b(?:href|src)\s*=\s*["'](?<url>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex Attribute();

    [GeneratedRegex(@"\.[0-9a-f]{10}(\.[^./]+)?$")]
    private static partial Regex FingerprintedName();
}
