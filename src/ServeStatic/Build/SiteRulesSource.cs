namespace ServeStatic.Build;

/// <summary>
/// Which file holds the site's rules (docs/site-rules.md#migrating): <c>servestatic.json</c>, an Azure Static Web Apps
/// <c>staticwebapp.config.json</c>, or Netlify/Cloudflare-style <c>_redirects</c> and <c>_headers</c>, each at the site
/// root — except <c>staticwebapp.config.json</c>, which Static Web Apps also finds in a subfolder of the app. Each is
/// translated into the same <see cref="SiteRulesFile"/>; a site holding two of these kinds, or two
/// <c>staticwebapp.config.json</c>, is refused, naming both, since merging them would leave the reader to guess which rule
/// wins. The rules files are never assets of the release.
/// </summary>
internal static class SiteRulesSource
{
    /// <summary>The URL paths of the rules files read at the site root.</summary>
    private static readonly IReadOnlySet<string> RootFiles = new HashSet<string>(StringComparer.Ordinal)
    {
        "/" + SiteRulesFile.Name, "/" + StaticWebAppConfig.Name, "/" + RedirectsFile.Name, "/" + HeadersFile.Name,
    };

    /// <summary>Whether the site file at <paramref name="urlPath"/> is a rules file, which is never served.</summary>
    public static bool IsRulesFile(string urlPath) =>
        RootFiles.Contains(urlPath) || urlPath.EndsWith("/" + StaticWebAppConfig.Name, StringComparison.Ordinal);

    /// <returns>The site's rules as written; null when it has no rules file.</returns>
    /// <exception cref="BuildException">A rules file is refused, or the site holds two kinds; the message names the files.</exception>
    public static SiteRulesFile? Read(IEnumerable<SiteFile> files)
    {
        var rulesFiles = files.Where(file => IsRulesFile(file.UrlPath)).OrderBy(file => file.UrlPath, StringComparer.Ordinal).ToList();
        var configs = rulesFiles.Where(file => file.UrlPath.EndsWith("/" + StaticWebAppConfig.Name, StringComparison.Ordinal)).ToList();
        if (configs.Count > 1)
            throw new BuildException(configs[1].FullPath, $"the site already has {configs[0].FullPath}; Static Web Apps reads one {StaticWebAppConfig.Name}: merge them into one");
        var present = rulesFiles.ToDictionary(file => file.UrlPath.EndsWith("/" + StaticWebAppConfig.Name, StringComparison.Ordinal) ? StaticWebAppConfig.Name : file.UrlPath[1..],
            file => file.FullPath, StringComparer.Ordinal);
        var kinds = new[]
        {
            present.GetValueOrDefault(SiteRulesFile.Name),
            present.GetValueOrDefault(StaticWebAppConfig.Name),
            present.GetValueOrDefault(RedirectsFile.Name) ?? present.GetValueOrDefault(HeadersFile.Name),
        }.OfType<string>().ToList();
        if (kinds.Count > 1)
            throw new BuildException(kinds[1], $"the site's rules are already in {kinds[0]}; a site has one rules file (or a _redirects and _headers pair): move these rules into it");

        if (present.TryGetValue(SiteRulesFile.Name, out var servestatic))
            return SiteRulesFile.Read(servestatic);
        if (present.TryGetValue(StaticWebAppConfig.Name, out var staticWebApp))
            return StaticWebAppConfig.Read(staticWebApp);
        var redirects = present.GetValueOrDefault(RedirectsFile.Name);
        var headers = present.GetValueOrDefault(HeadersFile.Name);
        if (redirects is null && headers is null)
            return null;
        var rules = new SiteRulesFile(redirects ?? headers!);
        if (redirects is not null)
            RedirectsFile.Read(redirects, rules);
        if (headers is not null)
            HeadersFile.Read(headers, rules);
        return rules;
    }
}
