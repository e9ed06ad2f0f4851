using System.Net;

namespace ServeStatic.Tests.Rules;

/// <summary>Each kind of rule of a site's servestatic.json, over real HTTP.</summary>
public class SiteRulesTests
{
    [Fact]
    public async Task An_exact_redirect_answers_with_its_status_and_keeps_the_query()
    {
        using var site = RulesSite.With("""{ "redirects": [ { "from": "/old", "to": "/new.html", "status": 308 } ] }""", "new.html");
        await using var server = await RulesSite.ServeAsync(site);
        using var response = await server.GetAsync("/old?a=1");
        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("/new.html?a=1", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_redirect_without_a_status_is_a_301_and_may_drop_the_query()
    {
        using var site = RulesSite.With("""{ "redirects": [ { "from": "/old", "to": "/", "preserveQuery": false } ] }""", "index.html");
        await using var server = await RulesSite.ServeAsync(site);
        using var response = await server.GetAsync("/old?a=1");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_splat_redirect_carries_the_rest_of_the_path_escaped()
    {
        using var site = RulesSite.With("""{ "redirects": [ { "from": "/blog/*", "to": "/news/:splat", "status": 302 } ] }""", "index.html");
        await using var server = await RulesSite.ServeAsync(site);
        using var response = await server.GetAsync("/blog/2026/caf%C3%A9");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/news/2026/caf%C3%A9", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_splat_redirect_answers_every_path_with_its_own_location_beyond_the_ones_it_holds()
    {
        using var site = RulesSite.With("""{ "redirects": [ { "from": "/blog/*", "to": "/news/:splat", "status": 302 } ] }""", "index.html");
        await using var server = await RulesSite.ServeAsync(site);
        // Past the bound of held Locations, and each path asked twice: the second answer is the held one (or made again).
        foreach (var i in Enumerable.Range(0, ServeStatic.Serving.PatternLocations.MaxEntries + 20).Concat(Enumerable.Range(0, 30)))
        {
            using var response = await server.GetAsync($"/blog/{i}/post");
            Assert.Equal($"/news/{i}/post", response.Headers.Location!.OriginalString);
        }
        using var query = await server.GetAsync("/blog/1/post?ref=x");
        Assert.Equal("/news/1/post?ref=x", query.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Placeholders_are_moved_into_the_target()
    {
        using var site = RulesSite.With("""{ "redirects": [ { "from": "/posts/:year/:slug", "to": "https://blog.example/:slug?y=:year", "status": 307 } ] }""", "index.html");
        await using var server = await RulesSite.ServeAsync(site);
        using var response = await server.GetAsync("/posts/2025/hello?ref=x");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://blog.example/hello?y=:year&ref=x", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_pattern_never_answers_for_an_asset()
    {
        using var site = RulesSite.With("""{ "redirects": [ { "from": "/docs/*", "to": "/" } ] }""", "index.html", "docs/a.html");
        await using var server = await RulesSite.ServeAsync(site);
        using var response = await server.GetAsync("/docs/a.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_rewrite_serves_the_target_bytes_with_a_short_cache_policy()
    {
        using var site = RulesSite.With("""{ "rewrites": [ { "from": "/app/*", "to": "/shell.html" }, { "from": "/home", "to": "/shell.html" } ] }""", "shell.html");
        await using var server = await RulesSite.ServeAsync(site);
        foreach (var path in new[] { "/app/users/7", "/home" })
        {
            using var response = await server.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("<p>shell.html</p>", await response.Content.ReadAsStringAsync());
            Assert.Equal("public, max-age=60", response.Headers.CacheControl!.ToString());
        }
    }

    [Fact]
    public async Task A_header_rule_sets_its_headers_on_the_assets_its_glob_matches()
    {
        using var site = RulesSite.With("""{ "headers": [ { "glob": "*.html", "set": { "X-Frame-Options": "DENY", "Cache-Control": "no-cache" } } ] }""", "index.html", "app.css");
        await using var server = await RulesSite.ServeAsync(site);
        using var page = await server.GetAsync("/");
        using var style = await server.GetAsync("/app.css");
        Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-cache", page.Headers.CacheControl!.ToString());
        Assert.False(style.Headers.Contains("X-Frame-Options"));
    }

    [Fact]
    public async Task The_spa_fallback_answers_client_routes_but_not_its_exclusions()
    {
        using var site = RulesSite.With("""{ "spaFallback": { "path": "/index.html", "exclude": ["/api/**"] } }""", "index.html");
        await using var server = await RulesSite.ServeAsync(site);
        using var route = await server.GetAsync("/users/7");
        using var excluded = await server.GetAsync("/api/users");
        Assert.Equal(HttpStatusCode.OK, route.StatusCode);
        Assert.Equal("<p>index.html</p>", await route.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, excluded.StatusCode);
    }

    [Fact]
    public async Task A_miss_gets_the_nearest_404_page_up_the_folder_tree()
    {
        using var site = new TempSite();
        site.Write("404.html", "root 404");
        site.Write("docs/404.html", "docs 404");
        site.Write("docs/deep/a.html", "a");
        await using var server = await RulesSite.ServeAsync(site);
        using var inDocs = await server.GetAsync("/docs/deep/missing");
        using var elsewhere = await server.GetAsync("/blog/missing");
        Assert.Equal(HttpStatusCode.NotFound, inDocs.StatusCode);
        Assert.Equal("docs 404", await inDocs.Content.ReadAsStringAsync());
        Assert.Equal("root 404", await elsewhere.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NotFoundPage_null_turns_the_404_pages_off()
    {
        using var site = RulesSite.With("""{ "notFoundPage": null }""", "404.html");
        await using var server = await RulesSite.ServeAsync(site);
        using var response = await server.GetAsync("/missing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Clean_urls_answer_a_page_without_html_and_redirect_the_html_name()
    {
        using var site = RulesSite.With("""{ "cleanUrls": true }""", "about.html");
        await using var server = await RulesSite.ServeAsync(site);
        using var clean = await server.GetAsync("/about");
        using var named = await server.GetAsync("/about.html");
        Assert.Equal("<p>about.html</p>", await clean.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.MovedPermanently, named.StatusCode);
        Assert.Equal("/about", named.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Trailing_slash_never_answers_a_folder_without_its_slash()
    {
        using var site = RulesSite.With("""{ "trailingSlash": "never" }""", "docs/index.html");
        await using var server = await RulesSite.ServeAsync(site);
        using var bare = await server.GetAsync("/docs");
        using var slashed = await server.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Equal(HttpStatusCode.MovedPermanently, slashed.StatusCode);
        Assert.Equal("/docs", slashed.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Trailing_slash_always_puts_clean_pages_under_a_slash()
    {
        using var site = RulesSite.With("""{ "trailingSlash": "always", "cleanUrls": true }""", "about.html");
        await using var server = await RulesSite.ServeAsync(site);
        using var slashed = await server.GetAsync("/about/");
        using var bare = await server.GetAsync("/about");
        Assert.Equal(HttpStatusCode.OK, slashed.StatusCode);
        Assert.Equal("/about/", bare.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_rules_file_is_never_served()
    {
        using var site = RulesSite.With("{}", "index.html");
        await using var server = await RulesSite.ServeAsync(site);
        using var response = await server.GetAsync("/servestatic.json");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
