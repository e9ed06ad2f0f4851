using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>
/// Turns a site's rules file into the <see cref="SiteRules"/> of its release, checked against the release's assets: each
/// rule that cannot work (a bad status or glob, a reserved header, a path the site does not have, a rule that shadows an
/// asset or repeats another, a loop of redirects) is a <see cref="BuildException"/> naming the file, the line and the
/// problem, raised before the build writes anything. Without a rules file, a site still gets its <c>404.html</c> pages.
/// </summary>
internal static class SiteRulesCompiler
{
    private const string NotFoundDocument = "404.html";

    /// <summary>How many redirects in a row are followed when looking for a loop.</summary>
    private const int MaxHops = 32;

    /// <returns>The rules; null when the site has none (no rules file and no <c>404.html</c>).</returns>
    public static SiteRules? Compile(SiteRulesFile? file, IReadOnlyList<string> assetPaths)
    {
        var assets = assetPaths.ToHashSet(StringComparer.Ordinal);
        if (file is null)
        {
            var pages = NearestNotFoundPages(assetPaths);
            return pages.Count == 0 ? null : SiteRules.None with { NotFoundPages = pages };
        }
        var routes = SiteRoutes.Of(assets, file.TrailingSlash, file.CleanUrls);
        string? AssetAt(string path) => assets.Contains(path) ? path : routes.Pages.GetValueOrDefault(path);

        var exact = new Dictionary<string, int>(StringComparer.Ordinal);
        void Claim(string from, int line)
        {
            if (routes.Pages.TryGetValue(from, out var asset))
                throw file.Error(line, $"\"{from}\" is where the site's asset {asset} is answered; a rule never shadows an asset");
            if (!exact.TryAdd(from, line))
                throw file.Error(line, $"\"{from}\" already has a rule, at line {exact[from]}");
        }

        var captures = new Range[RoutePattern.MaxCaptures];
        foreach (var (forced, line) in file.Forced)
        {
            if (RoutePattern.TryParse(forced, out var pattern, out _) && routes.Pages.FirstOrDefault(page => pattern.Match(page.Key, captures)) is { Key: { } at, Value: var asset })
                throw file.Error(line, $"\"{forced}\" is forced (!) over \"{at}\", where the site's asset {asset} is answered; a rule never shadows an asset");
        }

        var redirects = new List<(RedirectRule Rule, RoutePattern From, RouteTarget To)>();
        foreach (var (rule, line) in file.Redirects)
        {
            if (SiteRuleChecks.Redirect(rule) is { } problem)
                throw file.Error(line, "redirect " + problem);
            RoutePattern.TryParse(rule.From, out var from, out _);
            RouteTarget.TryParse(rule.To, from!, out var to, out _);
            if (from!.IsExact)
                Claim(rule.From, line);
            redirects.Add((rule, from, to!));
        }

        var rewrites = new List<RewriteRule>();
        foreach (var (rule, line) in file.Rewrites)
        {
            var resolved = rule with { To = AssetAt(rule.To) ?? rule.To };
            if (SiteRuleChecks.Rewrite(resolved, assets) is { } problem)
                throw file.Error(line, "rewrite " + problem);
            RoutePattern.TryParse(rule.From, out var from, out _);
            if (from!.IsExact)
                Claim(rule.From, line);
            rewrites.Add(resolved);
        }

        for (var i = 0; i < redirects.Count; i++)
        {
            if (Loop(redirects[i].From.Example(), redirects, routes, rewrites) is { } loop)
                throw file.Error(file.Redirects[i].Line, $"redirect loop: {loop}");
        }

        foreach (var (rule, line) in file.Headers)
        {
            if (SiteRuleChecks.Header(rule) is { } problem)
                throw file.HeaderError(line, "header " + problem);
        }

        SpaFallbackRule? spaFallback = null;
        if (file.SpaFallback is var (fallback, fallbackLine))
        {
            spaFallback = fallback with { Path = AssetAt(fallback.Path) ?? fallback.Path };
            if (SiteRuleChecks.SpaFallback(spaFallback, assets) is { } problem)
                throw file.Error(fallbackLine, "spaFallback " + problem);
        }

        IReadOnlyList<NotFoundPageRule> notFoundPages = NearestNotFoundPages(assetPaths);
        if (file.NotFoundPage is var (page, pageLine))
        {
            notFoundPages = page is null ? [] : [new NotFoundPageRule("/", AssetAt(page) ?? page)];
            if (notFoundPages.Count > 0 && SiteRuleChecks.NotFoundPage(notFoundPages[0], assets) is { } problem)
                throw file.Error(pageLine, "notFoundPage " + problem);
        }

        return new SiteRules([.. redirects.Select(r => r.Rule)], rewrites, [.. file.Headers.Select(h => h.Rule)], spaFallback, notFoundPages,
            file.TrailingSlash, file.CleanUrls);
    }

    /// <summary>Every <c>404.html</c> of the site, as the 404 page of its folder, deepest folder first.</summary>
    private static List<NotFoundPageRule> NearestNotFoundPages(IEnumerable<string> assetPaths) =>
        [.. assetPaths.Where(path => path.EndsWith("/" + NotFoundDocument, StringComparison.Ordinal))
            .Select(path => new NotFoundPageRule(path[..^NotFoundDocument.Length], path))
            .OrderByDescending(rule => rule.Folder.Count(c => c == '/')).ThenBy(rule => rule.Folder, StringComparer.Ordinal)];

    /// <summary>
    /// Follows the redirects from <paramref name="start"/> as a request would (assets first, then exact rules and the folder
    /// redirects, then patterns in order) and words the path when it comes back to where it has been: <c>/a → /b → /a</c>.
    /// </summary>
    private static string? Loop(string start, List<(RedirectRule Rule, RoutePattern From, RouteTarget To)> redirects, SiteRoutes routes, List<RewriteRule> rewrites)
    {
        var seen = new List<string> { start };
        var path = start;
        var captures = new Range[RoutePattern.MaxCaptures];
        for (var hop = 0; hop < MaxHops; hop++)
        {
            if (routes.Pages.ContainsKey(path) || rewrites.Any(r => r.From == path))
                return null;
            var exact = redirects.FindIndex(r => r.From.IsExact && r.From.Text == path);
            var next = exact >= 0 ? redirects[exact].To.Text : routes.Redirects.GetValueOrDefault(path);
            if (next is null && rewrites.Any(r => RoutePattern.TryParse(r.From, out var from, out _) && from.Match(path, captures)))
                return null;
            foreach (var (_, from, to) in redirects)
            {
                if (next is null && !from.IsExact && from.Match(path, captures))
                    next = to.Expand(path, captures, escape: false);
            }
            if (next is null || next[0] != '/')
                return null;
            var query = next.IndexOf('?');
            path = query < 0 ? next : next[..query];
            if (seen.Contains(path))
                return string.Join(" → ", seen.Append(path));
            seen.Add(path);
        }
        return null;
    }
}
