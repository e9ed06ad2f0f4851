namespace ServeStatic.Index;

/// <summary>
/// Where each asset of a release is answered, and the implicit redirects to those places, under a trailing-slash policy and
/// clean URLs (docs/site-rules.md): <c>/docs/index.html</c> at <c>/docs/</c> (or <c>/docs</c> with <see cref="TrailingSlash.Never"/>),
/// <c>/about.html</c> at <c>/about</c> with clean URLs (<c>/about/</c> with <see cref="TrailingSlash.Always"/>), the other forms
/// redirected there. The one computation of it: the build checks rules against it, the load builds its dictionaries from it.
/// </summary>
internal sealed class SiteRoutes
{
    private const string IndexDocument = "index.html";
    private const string FolderIndex = "/" + IndexDocument;
    private const string Html = ".html";

    private SiteRoutes(Dictionary<string, string> pages, Dictionary<string, string> redirects)
    {
        Pages = pages;
        Redirects = redirects;
    }

    /// <summary>Each URL path answered with an asset → that asset's path in the index.</summary>
    public IReadOnlyDictionary<string, string> Pages { get; }

    /// <summary>Each URL path redirected to where its asset is answered → that place (unescaped). None is also a page.</summary>
    public IReadOnlyDictionary<string, string> Redirects { get; }

    public static SiteRoutes Of(IReadOnlyCollection<string> assetPaths, TrailingSlash trailingSlash, bool cleanUrls)
    {
        // Asked only about folders' index pages and, with clean URLs, .html pages: made on the first question.
        var assets = assetPaths as IReadOnlySet<string>;
        bool Has(string path) => (assets ??= assetPaths.ToHashSet(StringComparer.Ordinal)).Contains(path);
        var pages = new Dictionary<string, string>(assetPaths.Count, StringComparer.Ordinal);
        var redirects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in assetPaths)
        {
            if (path.EndsWith(FolderIndex, StringComparison.Ordinal))
            {
                var folder = path[..^IndexDocument.Length];
                if (trailingSlash == TrailingSlash.Never && folder.Length > 1)
                {
                    var bare = folder[..^1];
                    pages[bare] = path;
                    redirects[path] = bare;
                    redirects[folder] = bare;
                }
                else
                {
                    pages[folder] = path;
                    redirects[path] = folder;
                    if (folder.Length > 1 && !Has(folder[..^1]))
                        redirects[folder[..^1]] = folder;
                }
            }
            else if (cleanUrls && path.EndsWith(Html, StringComparison.Ordinal) && path.Length > Html.Length + 1 && path[^(Html.Length + 1)] != '/'
                && !Has(path[..^Html.Length]))
            {
                var bare = path[..^Html.Length];
                var route = trailingSlash == TrailingSlash.Always ? bare + "/" : bare;
                pages.TryAdd(route, path);
                redirects[path] = route;
                if (route != bare)
                    redirects[bare] = route;
            }
            else
            {
                pages.TryAdd(path, path);
            }
        }
        foreach (var page in pages.Keys)
            redirects.Remove(page);
        return new SiteRoutes(pages, redirects);
    }
}
