namespace ServeStatic.Fingerprinting;

/// <summary>
/// Turns the URL of a reference into the site path it names (RFC 3986 §5.2: relative resolution, with §5.2.4's
/// dot-segment removal), or says that it names nothing in the site and is left alone.
/// </summary>
internal static class ReferenceResolver
{
    /// <summary>Placeholders of template languages (Mustache/Handlebars/Jinja/Liquid, JavaScript templates, ERB/EJS/ASP): the text is not a URL yet.</summary>
    private static readonly string[] TemplateMarkers = ["{{", "}}", "{%", "%}", "${", "<%", "%>"];

    /// <summary>
    /// The unescaped absolute path <paramref name="url"/> names, resolved against the directory <paramref name="baseDirectory"/>
    /// (which ends with '/'); <see cref="Outcome.Skipped"/> for what is not a file of this site; <see cref="Outcome.OutsideRoot"/>
    /// when its <c>..</c> segments climb above the site.
    /// </summary>
    public static (Outcome Outcome, string Path) Resolve(string url, string baseDirectory, ReferenceRole role)
    {
        if (url.Length == 0 || url[0] == '#' || url[0] == '?' || IsExternal(url) || TemplateMarkers.Any(m => url.Contains(m, StringComparison.Ordinal)))
            return (Outcome.Skipped, "");
        // A bare specifier ("lodash", "app/main.js") is resolved by an import map, not as a relative URL (HTML "resolve a module specifier").
        if (role == ReferenceRole.Module && !url.StartsWith('/') && !url.StartsWith("./", StringComparison.Ordinal) && !url.StartsWith("../", StringComparison.Ordinal))
            return (Outcome.Skipped, "");
        var pathPart = PathPart(url);
        if (pathPart.Length == 0)
            return (Outcome.Skipped, "");
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(pathPart);
        }
        catch (UriFormatException)
        {
            return (Outcome.Skipped, "");
        }
        var combined = decoded.StartsWith('/') ? decoded : baseDirectory + decoded;
        var segments = new List<string>();
        var parts = combined.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            var segment = parts[i];
            var last = i == parts.Length - 1;
            if (segment == "..")
            {
                if (segments.Count == 0)
                    return (Outcome.OutsideRoot, "");
                segments.RemoveAt(segments.Count - 1);
                if (last)
                    segments.Add("");
            }
            else if (segment == ".")
            {
                if (last)
                    segments.Add("");
            }
            else
            {
                segments.Add(segment);
            }
        }
        return (Outcome.Resolved, "/" + string.Join('/', segments));
    }

    /// <summary>
    /// The directory the relative references of the document at <paramref name="path"/> resolve against: its own, or (HTML §4.2.3)
    /// its <c>&lt;base href&gt;</c>'s; null when that base names nothing in the site, so no relative reference can be resolved.
    /// </summary>
    public static string? BaseDirectory(string path, IEnumerable<Reference> references)
    {
        var baseDirectory = DirectoryOf(path);
        var baseReference = references.FirstOrDefault(r => r.Role == ReferenceRole.Base);
        if (baseReference.Url is null)
            return baseDirectory;
        var (outcome, resolved) = Resolve(baseReference.Url, baseDirectory, ReferenceRole.Base);
        return outcome == Outcome.Resolved ? DirectoryOf(resolved) : null;
    }

    /// <summary>The directory of a site path, ending with '/': <c>/css/app.css</c> → <c>/css/</c>.</summary>
    public static string DirectoryOf(string path) => path[..(path.LastIndexOf('/') + 1)];

    /// <summary>The URL without its query and fragment.</summary>
    public static string PathPart(string url)
    {
        var end = url.AsSpan().IndexOfAny('?', '#');
        return end < 0 ? url : url[..end];
    }

    /// <summary>True for an absolute URL (any scheme: <c>https:</c>, <c>data:</c>, <c>mailto:</c>, <c>blob:</c>…, RFC 3986 §3.1) or a protocol-relative one (§4.2).</summary>
    public static bool IsExternal(string url)
    {
        if (url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("\\\\", StringComparison.Ordinal))
            return true;
        if (url.Length == 0 || !char.IsAsciiLetter(url[0]))
            return false;
        for (var i = 1; i < url.Length; i++)
        {
            var c = url[i];
            if (c == ':')
                return true;
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
                return false;
        }
        return false;
    }

    internal enum Outcome
    {
        Resolved,
        Skipped,
        OutsideRoot,
    }
}
