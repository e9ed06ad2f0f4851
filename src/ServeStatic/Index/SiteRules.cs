using System.Text.Json.Serialization;

namespace ServeStatic.Index;

/// <summary>
/// A release's own routing and header rules, compiled by the build from the site's <c>servestatic.json</c>
/// (docs/site-rules.md) and checked against its assets: every path a rule names is one the release has.
/// </summary>
/// <param name="Redirects">In file order; an exact rule is one dictionary entry at load, a pattern rule is tried after them.</param>
/// <param name="Rewrites">Paths answered with another asset's bytes, in file order.</param>
/// <param name="Headers">Response headers per <see cref="SitePathGlob"/>, in file order (a later one for the same name wins).</param>
/// <param name="SpaFallback">The page answered for a client-side route, or null.</param>
/// <param name="NotFoundPages">The 404 page of each folder (the nearest up the tree answers a miss), deepest first.</param>
/// <param name="TrailingSlash">Where a page's URL ends with a slash.</param>
/// <param name="CleanUrls">Whether <c>/about.html</c> is answered at <c>/about</c>.</param>
internal sealed record SiteRules(
    IReadOnlyList<RedirectRule> Redirects,
    IReadOnlyList<RewriteRule> Rewrites,
    IReadOnlyList<HeaderRuleRecord> Headers,
    SpaFallbackRule? SpaFallback,
    IReadOnlyList<NotFoundPageRule> NotFoundPages,
    TrailingSlash TrailingSlash,
    bool CleanUrls)
{
    /// <summary>The rules of a site without a rules file: no rule, and the defaults.</summary>
    public static readonly SiteRules None = new([], [], [], null, [], TrailingSlash.Auto, false);
}

/// <summary>
/// A redirect: <paramref name="From"/> is a site path, or a pattern with <c>:name</c> segments and a final <c>*</c>
/// (<see cref="RoutePattern"/>); <paramref name="To"/> is a path or an absolute http(s) URL that may use the names and <c>:splat</c>.
/// </summary>
/// <param name="Status">301, 302, 307 or 308.</param>
/// <param name="PreserveQuery">Whether the request's query string is appended to the Location.</param>
internal sealed record RedirectRule(string From, string To, int Status, bool PreserveQuery);

/// <summary>A path (or pattern) answered with the bytes and headers of the asset at <paramref name="To"/>, with its own cache policy.</summary>
internal sealed record RewriteRule(string From, string To);

/// <summary>One response header set on every asset a <see cref="SitePathGlob"/> matches.</summary>
internal sealed record HeaderRuleRecord(string Glob, string Name, string Value);

/// <summary>The page answered (200) for a GET or HEAD miss whose last segment has no extension and that no <paramref name="Exclude"/> glob matches.</summary>
internal sealed record SpaFallbackRule(string Path, IReadOnlyList<string> Exclude);

/// <summary>The page sent with status 404 for a miss in <paramref name="Folder"/> (<c>/docs/</c>) or below it.</summary>
internal sealed record NotFoundPageRule(string Folder, string Page);

/// <summary>Where a page's URL ends with a slash (docs/site-rules.md).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrailingSlash>))]
internal enum TrailingSlash
{
    /// <summary>A folder's index at <c>/docs/</c>, a page at <c>/about</c>: the slash says which it is.</summary>
    [JsonStringEnumMemberName("auto")]
    Auto,

    /// <summary>Every page at a URL ending in <c>/</c>: <c>/docs/</c>, and with clean URLs <c>/about/</c>.</summary>
    [JsonStringEnumMemberName("always")]
    Always,

    /// <summary>No page URL ends in <c>/</c> but the root: a folder's index at <c>/docs</c>.</summary>
    [JsonStringEnumMemberName("never")]
    Never,
}
