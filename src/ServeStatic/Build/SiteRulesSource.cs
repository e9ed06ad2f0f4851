namespace ServeStatic.Build;

/// <summary>
/// Which file at the site root holds its rules (docs/site-rules.md#migrating): <c>servestatic.json</c>, an Azure Static
/// Web Apps <c>staticwebapp.config.json</c>, or Netlify/Cloudflare-style <c>_redirects</c> and <c>_headers</c>. Each is
/// translated into the same <see cref="SiteRulesFile"/>; a site holding two of these kinds is refused, naming both, since
/// merging them would leave the reader to guess which rule wins. The rules files are never assets of the release.
/// </summary>
internal static class SiteRulesSource
{
    /// <summary>The URL paths of every rules file the build reads, none of which is served.</summary>
    public static readonly IReadOnlySet<string> FileUrlPaths = new HashSet<string>(StringComparer.Ordinal)
    {
        "/" + SiteRulesFile.Name, "/" + StaticWebAppConfig.Name, "/" + RedirectsFile.Name, "/" + HeadersFile.Name,
    };

    /// <returns>The site's rules as written; null when it has no rules file.</returns>
    /// <exception cref="BuildException">A rules file is refused, or the site holds two kinds; the message names the files.</exception>
    public static SiteRulesFile? Read(IEnumerable<SiteFile> files)
    {
        var present = files.Where(file => FileUrlPaths.Contains(file.UrlPath)).ToDictionary(file => file.UrlPath[1..], file => file.FullPath, StringComparer.Ordinal);
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
