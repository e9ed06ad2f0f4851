namespace ServeStatic.Index;

/// <summary>
/// What makes one rule unusable on its own or against the release's asset paths: the build words each as an error at the
/// rule's line in <c>servestatic.json</c>, and <see cref="IndexSerializer.Validate"/> refuses an index holding one.
/// (Loops and rules that shadow an asset depend on every rule together: <c>SiteRulesCompiler</c> finds those.)
/// </summary>
internal static class SiteRuleChecks
{
    /// <summary>The statuses a redirect may have (RFC 9110 §15.4): permanent 301 and 308, temporary 302 and 307.</summary>
    public static readonly int[] RedirectStatuses = [301, 302, 307, 308];

    public static string? Redirect(RedirectRule rule)
    {
        if (!RedirectStatuses.Contains(rule.Status))
            return $"status {rule.Status} is not a redirect status (301, 302, 307 or 308)";
        if (!RoutePattern.TryParse(rule.From, out var from, out var problem))
            return "from " + problem;
        if (!IsPathOrHttpUrl(rule.To))
            return $"to \"{rule.To}\" is neither a site path (/…) nor an http(s) URL";
        if (HeaderValueProblem(rule.To) is { } valueProblem)
            return $"to \"{rule.To}\" {valueProblem}";
        return RouteTarget.TryParse(rule.To, from, out _, out problem) ? null : "to " + problem;
    }

    public static string? Rewrite(RewriteRule rule, IReadOnlySet<string> assetPaths)
    {
        if (!RoutePattern.TryParse(rule.From, out _, out var problem))
            return "from " + problem;
        return assetPaths.Contains(rule.To) ? null : $"to \"{rule.To}\" is not an asset of the site";
    }

    public static string? Header(HeaderRuleRecord rule)
    {
        if (!SitePathGlob.TryParse(rule.Glob, out _))
            return $"glob \"{rule.Glob}\" is empty";
        if (rule.Name.Length == 0 || !rule.Name.All(IsTokenChar))
            return $"\"{rule.Name}\" is not a header name";
        if (ReservedHeaders.Contains(rule.Name))
            return $"{rule.Name} is computed by the responder for each response; a rule cannot set it";
        return HeaderValueProblem(rule.Value) is { } problem ? $"the value of {rule.Name} {problem}" : null;
    }

    public static string? SpaFallback(SpaFallbackRule rule, IReadOnlySet<string> assetPaths)
    {
        if (!assetPaths.Contains(rule.Path))
            return $"path \"{rule.Path}\" is not an asset of the site";
        var empty = rule.Exclude.FirstOrDefault(glob => !SitePathGlob.TryParse(glob, out _));
        return empty is null ? null : $"exclude glob \"{empty}\" is empty";
    }

    public static string? NotFoundPage(NotFoundPageRule rule, IReadOnlySet<string> assetPaths)
    {
        if (rule.Folder is not ['/', ..] || !rule.Folder.EndsWith('/'))
            return $"folder \"{rule.Folder}\" is not a folder path (/…/)";
        return assetPaths.Contains(rule.Page) ? null : $"page \"{rule.Page}\" is not an asset of the site";
    }

    /// <summary>RFC 9110 §5.5: a field value is visible ASCII, spaces and tabs (no CR, LF or other control).</summary>
    public static string? HeaderValueProblem(string value)
    {
        foreach (var c in value)
        {
            if (c is not ((>= '!' and <= '~') or ' ' or '\t'))
                return $"holds the character U+{(int)c:X4}, which a header value cannot carry";
        }
        return null;
    }

    private static bool IsPathOrHttpUrl(string to) =>
        to is ['/', ..] && !to.StartsWith("//", StringComparison.Ordinal)
        || to.StartsWith("https://", StringComparison.Ordinal) || to.StartsWith("http://", StringComparison.Ordinal);

    /// <summary>RFC 9110 §5.6.2: tchar.</summary>
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);
}
