using System.Net;

namespace ServeStatic.Tests.Rules;

/// <summary>An Azure Static Web Apps <c>staticwebapp.config.json</c> builds into the site's rules, over real HTTP.</summary>
public class StaticWebAppConfigTests
{
    /// <summary>A typical config of a single-page app, as Static Web Apps' documentation shapes it.</summary>
    private const string SpaConfig = """
        {
          "$schema": "https://json.schemastore.org/staticwebapp.config.json",
          "routes": [
            { "route": "/specials", "redirect": "/deals.html", "statusCode": 301 },
            { "route": "/old-docs/*", "redirect": "/docs/" },
            { "route": "/calendar*", "rewrite": "/calendar.html" },
            { "route": "/images/*", "headers": { "cache-control": "must-revalidate, max-age=15770000" } },
            { "route": "/", "allowedRoles": ["anonymous"], "headers": { "X-Robots-Tag": "index" } }
          ],
          "navigationFallback": {
            "rewrite": "index.html",
            "exclude": ["/images/*.{png,jpg,gif}", "/css/*"]
          },
          "responseOverrides": {
            "404": { "rewrite": "/404.html" }
          },
          "globalHeaders": {
            "content-security-policy": "default-src 'self'",
            "X-Frame-Options": "DENY"
          },
          "mimeTypes": {
            ".json": "text/json"
          }
        }
        """;

    private static TempSite SpaSite() => RulesSite.WithFile("staticwebapp.config.json", SpaConfig,
        "index.html", "404.html", "deals.html", "calendar.html", "docs/index.html", "images/logo.png", "css/site.css", "data.json");

    [Fact]
    public async Task A_route_redirect_has_its_status_code_and_is_temporary_without_one()
    {
        using var site = SpaSite();
        await using var server = await RulesSite.ServeAsync(site);
        using var permanent = await server.GetAsync("/specials");
        using var temporary = await server.GetAsync("/old-docs/intro");
        Assert.Equal(HttpStatusCode.MovedPermanently, permanent.StatusCode);
        Assert.Equal("/deals.html", permanent.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Found, temporary.StatusCode);
        Assert.Equal("/docs/", temporary.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_route_ending_in_a_star_rewrites_the_path_and_everything_under_it()
    {
        using var site = SpaSite();
        await using var server = await RulesSite.ServeAsync(site);
        foreach (var path in new[] { "/calendar", "/calendar/2026/01" })
        {
            using var response = await server.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("<p>calendar.html</p>", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_navigation_fallback_answers_client_routes_but_not_its_exclusions()
    {
        using var site = SpaSite();
        await using var server = await RulesSite.ServeAsync(site);
        using var route = await server.GetAsync("/products/7");
        using var excludedCss = await server.GetAsync("/css/missing");
        Assert.Equal("<p>index.html</p>", await route.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, route.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, excludedCss.StatusCode);
        Assert.Equal("<p>404.html</p>", await excludedCss.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_404_override_is_the_404_page()
    {
        using var site = RulesSite.WithFile("staticwebapp.config.json", """{ "responseOverrides": { "404": { "rewrite": "/errors/missing.html" } } }""",
            "index.html", "errors/missing.html", "404.html");
        await using var server = await RulesSite.ServeAsync(site);
        using var response = await server.GetAsync("/nowhere.css");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("<p>errors/missing.html</p>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Global_headers_are_on_every_asset_and_a_route_header_overrides_them()
    {
        using var site = RulesSite.WithFile("staticwebapp.config.json", """
            {
              "routes": [ { "route": "/embed/*", "headers": { "X-Frame-Options": "SAMEORIGIN" } } ],
              "globalHeaders": { "X-Frame-Options": "DENY", "content-security-policy": "default-src 'self'" }
            }
            """, "index.html", "embed/widget.html");
        await using var server = await RulesSite.ServeAsync(site);
        using var page = await server.GetAsync("/");
        using var widget = await server.GetAsync("/embed/widget.html");
        Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("default-src 'self'", Assert.Single(page.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("SAMEORIGIN", Assert.Single(widget.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task A_route_header_with_a_file_filter_sets_only_the_matching_files()
    {
        using var site = SpaSite();
        await using var server = await RulesSite.ServeAsync(site);
        using var image = await server.GetAsync("/images/logo.png");
        using var page = await server.GetAsync("/");
        Assert.Equal("must-revalidate, max-age=15770000", image.Headers.CacheControl!.ToString());
        Assert.Equal("index", Assert.Single(page.Headers.GetValues("X-Robots-Tag")));
        Assert.NotEqual("must-revalidate, max-age=15770000", page.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task MimeTypes_set_the_content_type_of_the_matching_assets()
    {
        using var site = SpaSite();
        await using var server = await RulesSite.ServeAsync(site);
        using var response = await server.GetAsync("/data.json");
        Assert.Equal("text/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task TrailingSlash_never_is_honoured()
    {
        using var site = RulesSite.WithFile("staticwebapp.config.json", """{ "trailingSlash": "never" }""", "docs/index.html");
        await using var server = await RulesSite.ServeAsync(site);
        using var slashed = await server.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.MovedPermanently, slashed.StatusCode);
        Assert.Equal("/docs", slashed.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_config_file_is_never_served()
    {
        using var site = SpaSite();
        await using var server = await RulesSite.ServeAsync(site);
        using var response = await server.GetAsync("/staticwebapp.config.json");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_config_in_a_subfolder_is_read_and_never_served_as_Static_Web_Apps_finds_it_there()
    {
        using var site = RulesSite.WithFile("public/staticwebapp.config.json", SpaConfig,
            "index.html", "404.html", "deals.html", "calendar.html", "docs/index.html");
        await using var server = await RulesSite.ServeAsync(site);
        using var redirect = await server.GetAsync("/specials");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/deals.html", redirect.Headers.Location!.OriginalString);
        using var config = await server.GetAsync("/public/staticwebapp.config.json");
        Assert.Equal(HttpStatusCode.NotFound, config.StatusCode);
    }

    [Fact]
    public async Task Two_configs_are_one_build_error_naming_both()
    {
        using var site = RulesSite.WithFile("staticwebapp.config.json", """{ "trailingSlash": "never" }""", "index.html");
        site.Write("app/staticwebapp.config.json", """{ "trailingSlash": "always" }""");
        var error = await RulesSite.BuildErrorAsync(site);
        Assert.Contains(Path.Join("app", "staticwebapp.config.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Join(site.Site, "staticwebapp.config.json"), error.Message, StringComparison.Ordinal);
    }
}
