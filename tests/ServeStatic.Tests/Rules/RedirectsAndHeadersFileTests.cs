using System.Net;

namespace ServeStatic.Tests.Rules;

/// <summary>Netlify/Cloudflare-style <c>_redirects</c> and <c>_headers</c> files build into the site's rules, over real HTTP.</summary>
public class RedirectsAndHeadersFileTests
{
    /// <summary>A typical <c>_redirects</c>, as Netlify's and Cloudflare's documentation shape it.</summary>
    private const string Redirects = """
        # Moved pages
        /home              /                      301
        /blog/*            /news/:splat
        /posts/:year/:slug /news/:year/:slug      302

          # A single-page app under /app
        /app/*             /app/index.html        200
        /docs/latest/*     /docs/v2/:splat        307!

        /*                 /not-found.html        404
        """;

    /// <summary>A typical <c>_headers</c>: security headers on every page, long caching for built assets.</summary>
    private const string Headers = """
        # Every page
        /*
          X-Frame-Options: DENY
          Referrer-Policy: strict-origin-when-cross-origin

        /assets/*
          Cache-Control: public, max-age=31536000, immutable
          Link: </fonts/a.woff2>; rel=preload
          Link: </fonts/b.woff2>; rel=preload

        /users/:id/card.html
          X-Robots-Tag: noindex
        """;

    private static TempSite NetlifySite()
    {
        var site = RulesSite.WithFile("_redirects", Redirects, "index.html", "not-found.html", "app/index.html", "docs/v2/intro.html",
            "assets/app.css", "users/7/card.html");
        site.Write("_headers", Headers);
        return site;
    }

    [Fact]
    public async Task A_redirect_without_a_status_is_a_301_and_carries_its_splat()
    {
        using var site = NetlifySite();
        await using var server = await RulesSite.ServeAsync(site);
        using var splat = await server.GetAsync("/blog/2026/hello?ref=x");
        using var exact = await server.GetAsync("/home");
        Assert.Equal(HttpStatusCode.MovedPermanently, splat.StatusCode);
        Assert.Equal("/news/2026/hello?ref=x", splat.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.MovedPermanently, exact.StatusCode);
        Assert.Equal("/", exact.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Placeholders_move_into_the_target_with_the_rule_status()
    {
        using var site = NetlifySite();
        await using var server = await RulesSite.ServeAsync(site);
        using var response = await server.GetAsync("/posts/2025/hello");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/news/2025/hello", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_200_rule_rewrites()
    {
        using var site = NetlifySite();
        await using var server = await RulesSite.ServeAsync(site);
        using var response = await server.GetAsync("/app/settings/profile");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("<p>app/index.html</p>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_forced_rule_that_shadows_no_asset_redirects()
    {
        using var site = NetlifySite();
        await using var server = await RulesSite.ServeAsync(site);
        using var response = await server.GetAsync("/docs/latest/intro.html");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("/docs/v2/intro.html", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_404_rule_for_every_path_names_the_404_page()
    {
        using var site = NetlifySite();
        await using var server = await RulesSite.ServeAsync(site);
        using var response = await server.GetAsync("/missing.css");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("<p>not-found.html</p>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Header_blocks_set_their_headers_on_the_paths_they_match()
    {
        using var site = NetlifySite();
        await using var server = await RulesSite.ServeAsync(site);
        using var page = await server.GetAsync("/");
        using var style = await server.GetAsync("/assets/app.css");
        Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(page.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("public, max-age=31536000, immutable", style.Headers.CacheControl!.ToString());
        Assert.NotEqual("public, max-age=31536000, immutable", page.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_header_named_twice_for_a_path_gets_both_values()
    {
        using var site = NetlifySite();
        await using var server = await RulesSite.ServeAsync(site);
        using var style = await server.GetAsync("/assets/app.css");
        Assert.Equal("</fonts/a.woff2>; rel=preload, </fonts/b.woff2>; rel=preload", string.Join(", ", style.Headers.GetValues("Link")));
    }

    [Fact]
    public async Task A_placeholder_in_a_header_path_matches_one_segment()
    {
        using var site = NetlifySite();
        await using var server = await RulesSite.ServeAsync(site);
        using var card = await server.GetAsync("/users/7/card.html");
        using var page = await server.GetAsync("/");
        Assert.Equal("noindex", Assert.Single(card.Headers.GetValues("X-Robots-Tag")));
        Assert.False(page.Headers.Contains("X-Robots-Tag"));
    }

    [Fact]
    public async Task A_headers_file_alone_is_a_site_s_rules()
    {
        using var site = RulesSite.WithFile("_headers", "/*\n  X-Content-Type-Options: nosniff\n", "index.html");
        await using var server = await RulesSite.ServeAsync(site);
        using var page = await server.GetAsync("/");
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_redirects_and_headers_files_are_never_served()
    {
        using var site = NetlifySite();
        await using var server = await RulesSite.ServeAsync(site);
        using var redirects = await server.GetAsync("/_redirects");
        using var headers = await server.GetAsync("/_headers");
        Assert.Equal(HttpStatusCode.NotFound, redirects.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, headers.StatusCode);
        Assert.Equal("<p>not-found.html</p>", await headers.Content.ReadAsStringAsync());
    }
}
