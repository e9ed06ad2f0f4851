using System.Text.Json;
using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>
/// Imports an Azure Static Web Apps <c>staticwebapp.config.json</c> (learn.microsoft.com/azure/static-web-apps/configuration)
/// into the site's rules: <c>routes</c> (redirect, rewrite, headers), <c>navigationFallback</c>, the <c>404</c> of
/// <c>responseOverrides</c>, <c>globalHeaders</c>, <c>mimeTypes</c> and <c>trailingSlash</c>. What a static origin cannot
/// honour (roles, methods, authentication, networking, a status of its own) is an error at its line, never dropped.
/// </summary>
internal static class StaticWebAppConfig
{
    public const string Name = "staticwebapp.config.json";

    /// <summary>A Static Web Apps redirect without a <c>statusCode</c> is temporary.</summary>
    private const int DefaultRedirectStatus = 302;

    /// <summary>The role every visitor has: a route open to it is open to all.</summary>
    private const string Anonymous = "anonymous";

    private const string NoAuthentication = "ServeStatic serves every visitor alike (it has no sign-in)";

    /// <exception cref="BuildException">The file is not JSON, or holds a rule that cannot be honoured; the message names the file and line.</exception>
    public static SiteRulesFile Read(string path)
    {
        var file = new SiteRulesFile(path);
        JsonRulesReader.Read(path, (ref JsonRulesReader reader) => Root(ref reader, file));
        return file;
    }

    private static void Root(ref JsonRulesReader r, SiteRulesFile file)
    {
        // Global headers come first whatever their place in the file, so that a route's header overrides them.
        List<(HeaderRuleRecord Rule, int Line)> routeHeaders = [];
        r.Start(JsonTokenType.StartObject, "the file");
        while (r.NextProperty(out var name, out var line))
        {
            switch (name)
            {
                case "$schema":
                    r.Text("$schema");
                    break;
                case "routes":
                    for (r.Start(JsonTokenType.StartArray, "routes"); r.Next() != JsonTokenType.EndArray;)
                        Route(ref r, file, routeHeaders);
                    break;
                case "navigationFallback":
                    file.SpaFallback = (NavigationFallback(ref r), line);
                    break;
                case "responseOverrides":
                    ResponseOverrides(ref r, file);
                    break;
                case "globalHeaders":
                    foreach (var (header, value, headerLine) in r.TextProperties("globalHeaders"))
                        file.Headers.Add((Header("/**", header, value, headerLine, ref r), headerLine));
                    break;
                case "mimeTypes":
                    foreach (var (extension, mediaType, typeLine) in r.TextProperties("mimeTypes"))
                        file.MediaTypes[extension] = MediaType(extension, mediaType, typeLine, ref r);
                    break;
                case "trailingSlash":
                    var policy = r.Text("trailingSlash");
                    file.TrailingSlash = SiteRulesFile.TrailingSlashOf(policy) ?? throw r.Error(line, $"trailingSlash \"{policy}\" is not auto, always or never");
                    break;
                case "auth":
                    throw r.Error(line, $"auth configures sign-in providers, which cannot be honoured: {NoAuthentication}");
                case "networking":
                    throw r.Error(line, "networking restricts the addresses a site answers, which cannot be honoured: restrict them in front of the app (Azure Front Door, access restrictions)");
                case "forwardingGateway":
                    throw r.Error(line, "forwardingGateway cannot be honoured: configure forwarded headers and required headers in the app or in front of it");
                case "platform":
                    throw r.Error(line, "platform configures the Static Web Apps API runtime, which cannot be honoured: the app is its own runtime");
                default:
                    throw r.Unknown(name, line, "the file", "routes, navigationFallback, responseOverrides, globalHeaders, mimeTypes, trailingSlash");
            }
        }
        file.Headers.AddRange(routeHeaders);
    }

    /// <summary><c>{ "route": "/old*", "redirect": "/new", "statusCode": 301 }</c>, a rewrite, or a route's headers.</summary>
    private static void Route(ref JsonRulesReader r, SiteRulesFile file, List<(HeaderRuleRecord Rule, int Line)> headers)
    {
        r.Expect(JsonTokenType.StartObject, "a route");
        var start = r.Line;
        string? route = null, redirect = null, rewrite = null;
        int? status = null;
        List<(string Name, string Value, int Line)> set = [];
        while (r.NextProperty(out var name, out var line))
        {
            switch (name)
            {
                case "route": route = r.Text("route"); break;
                case "redirect": redirect = r.Text("redirect"); break;
                case "rewrite": rewrite = r.Text("rewrite"); break;
                case "statusCode": status = r.WholeNumber("statusCode"); break;
                case "headers": set = r.TextProperties("headers"); break;
                case "allowedRoles":
                    var roles = r.Texts("allowedRoles");
                    if (!roles.Contains(Anonymous, StringComparer.OrdinalIgnoreCase))
                        throw r.Error(line, $"route {route ?? "(this route)"}: allowedRoles [{string.Join(", ", roles)}] cannot be honoured: {NoAuthentication}; remove the route, or protect it in front of the app");
                    break;
                case "methods":
                    throw r.Error(line, $"route {route ?? "(this route)"}: methods cannot be honoured: only GET and HEAD are served, and a rule applies to both");
                default:
                    throw r.Unknown(name, line, "a route", "route, redirect, rewrite, statusCode, headers, allowedRoles");
            }
        }
        if (route is null)
            throw r.Error(start, "the route has no \"route\"");
        route = Rooted(route);
        var rule = $"route {route}";
        if (IsAuthentication(route) || IsAuthentication(redirect) || IsAuthentication(rewrite))
            throw r.Error(start, $"{rule}: /.auth routes cannot be honoured: {NoAuthentication}");
        if (redirect is not null && rewrite is not null)
            throw r.Error(start, $"{rule}: has both redirect and rewrite (Static Web Apps allows one)");
        if ((redirect ?? rewrite) is not null && set.Count > 0)
            throw r.Error(start, $"{rule}: headers on a redirect or rewrite cannot be honoured: header rules apply to assets; set them on the route of the target");

        if (redirect is not null)
        {
            foreach (var from in Froms(route, rule, start, ref r))
                file.Redirects.Add((new RedirectRule(from, redirect is ['/', ..] || redirect.Contains("://", StringComparison.Ordinal) ? redirect : "/" + redirect,
                    status ?? DefaultRedirectStatus, PreserveQuery: true), start));
        }
        else if (rewrite is not null)
        {
            if (rewrite.Contains("://", StringComparison.Ordinal))
                throw r.Error(start, $"{rule}: a rewrite to another host ({rewrite}) is a proxy, which cannot be honoured: redirect there instead");
            if (status is not (null or 200))
                throw r.Error(start, $"{rule}: a rewrite answered with status {status} cannot be honoured: a rewrite answers 200 (a 404 page is responseOverrides' 404)");
            foreach (var from in Froms(route, rule, start, ref r))
                file.Rewrites.Add((new RewriteRule(from, Rooted(rewrite)), start));
        }
        else if (status is not null)
        {
            throw r.Error(start, $"{rule}: answering a route with status {status} of its own cannot be honoured: only redirects and rewrites have a status");
        }
        else if (set.Count == 0)
        {
            throw r.Error(start, $"{rule}: does nothing that can be honoured (no redirect, rewrite or headers)");
        }
        foreach (var glob in Globs(route))
        {
            foreach (var (header, value, headerLine) in set)
                headers.Add((Header(glob, header, value, headerLine, ref r), headerLine));
        }
    }

    /// <summary><c>{ "rewrite": "/index.html", "exclude": ["/images/*.{png,jpg}", "/css/*"] }</c>.</summary>
    private static SpaFallbackRule NavigationFallback(ref JsonRulesReader r)
    {
        r.Start(JsonTokenType.StartObject, "navigationFallback");
        var start = r.Line;
        string? rewrite = null;
        List<string> exclude = [];
        while (r.NextProperty(out var name, out var line))
        {
            switch (name)
            {
                case "rewrite": rewrite = r.Text("rewrite"); break;
                case "exclude": exclude = [.. r.Texts("exclude").SelectMany(Globs)]; break;
                default: throw r.Unknown(name, line, "navigationFallback", "rewrite, exclude");
            }
        }
        return new SpaFallbackRule(Rooted(rewrite ?? throw r.Error(start, "navigationFallback has no \"rewrite\"")), exclude);
    }

    /// <summary><c>{ "404": { "rewrite": "/404.html" } }</c>: the site's 404 page. The other statuses come from sign-in.</summary>
    private static void ResponseOverrides(ref JsonRulesReader r, SiteRulesFile file)
    {
        r.Start(JsonTokenType.StartObject, "responseOverrides");
        while (r.NextProperty(out var status, out var line))
        {
            if (status != "404")
                throw r.Error(line, $"responseOverrides {status} cannot be honoured: ServeStatic answers {status} to no request ({NoAuthentication}); only 404 can be overridden");
            string? rewrite = null;
            r.Start(JsonTokenType.StartObject, "responseOverrides 404");
            while (r.NextProperty(out var name, out var propertyLine))
            {
                switch (name)
                {
                    case "rewrite": rewrite = r.Text("rewrite"); break;
                    case "redirect" or "statusCode":
                        throw r.Error(propertyLine, $"responseOverrides 404: {name} cannot be honoured: a miss is answered with the 404 page (rewrite) and status 404");
                    default: throw r.Unknown(name, propertyLine, "responseOverrides 404", "rewrite");
                }
            }
            file.NotFoundPage = (Rooted(rewrite ?? throw r.Error(line, "responseOverrides 404 has no \"rewrite\"")), line);
        }
    }

    private static HeaderRuleRecord Header(string glob, string name, string value, int line, ref JsonRulesReader r) =>
        value.Length == 0
            ? throw r.Error(line, $"header {name}: an empty value removes the header in Static Web Apps, which cannot be honoured: a rule sets headers, it does not remove them")
            : new HeaderRuleRecord(glob, name, value);

    /// <summary>Checks one mapping as the build's own <c>--media-type</c> ones are checked, naming the line.</summary>
    private static string MediaType(string extension, string mediaType, int line, ref JsonRulesReader r)
    {
        try
        {
            _ = new MediaTypes(new Dictionary<string, string> { [extension] = mediaType });
            return mediaType;
        }
        catch (BuildException e)
        {
            throw r.Error(line, $"mimeTypes {e.Where}: {e.Problem}");
        }
    }

    /// <summary>
    /// The <c>from</c> patterns a route is: itself when exact or ending in <c>/*</c>; <c>/calendar*</c> is <c>/calendar</c>
    /// and <c>/calendar/*</c> (a prefix within a segment, <c>/calendarx</c>, is not matched). A wildcard with a file filter
    /// (<c>/images/*.png</c>) selects headers; it cannot start a redirect or rewrite.
    /// </summary>
    private static string[] Froms(string route, string rule, int line, ref JsonRulesReader r)
    {
        var star = route.IndexOf('*', StringComparison.Ordinal);
        if (star < 0 || route.EndsWith("/*", StringComparison.Ordinal) && star == route.Length - 1)
            return [route];
        if (star == route.Length - 1)
            return [route[..^1], route[..^1] + "/*"];
        throw r.Error(line, $"{rule}: a wildcard followed by a filter ({route[star..]}) cannot start a redirect or rewrite: end the route with * (/images/*)");
    }

    /// <summary>
    /// The <see cref="SitePathGlob"/>s a route or exclude pattern is: its <c>*</c> matches across folders (<c>**</c>), each
    /// choice of <c>{png,jpg}</c> is one glob, and a folder route (<c>/docs/</c>) is its index page.
    /// </summary>
    private static IEnumerable<string> Globs(string pattern)
    {
        pattern = Rooted(pattern).Replace("*", "**", StringComparison.Ordinal);
        if (pattern.EndsWith('/'))
            pattern += "index.html";
        var open = pattern.IndexOf('{', StringComparison.Ordinal);
        var close = open < 0 ? -1 : pattern.IndexOf('}', open);
        return close < 0
            ? [pattern]
            : pattern[(open + 1)..close].Split(',').Select(choice => pattern[..open] + choice.Trim() + pattern[(close + 1)..]);
    }

    private static string Rooted(string path) => path is ['/', ..] ? path : "/" + path;

    private static bool IsAuthentication(string? path) => path is not null && Rooted(path).StartsWith("/.auth", StringComparison.OrdinalIgnoreCase);
}
