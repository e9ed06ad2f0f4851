namespace ServeStatic.Tests.Rules;

/// <summary>A rule that cannot work fails the build, naming the file, the line and the problem, and nothing is written.</summary>
public class BadRuleTests
{
    [Fact]
    public async Task A_redirect_loop_is_an_error_at_the_rule_that_starts_it()
    {
        var error = await RulesSite.BuildErrorAsync("""
            {
              "redirects": [
                { "from": "/a", "to": "/b" },
                { "from": "/b", "to": "/a" }
              ]
            }
            """, "index.html");
        Assert.EndsWith("servestatic.json:3", error.Where, StringComparison.Ordinal);
        Assert.Contains("redirect loop: /a → /b → /a", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_splat_redirect_onto_itself_is_a_loop()
    {
        var error = await RulesSite.BuildErrorAsync("""{ "redirects": [ { "from": "/blog/*", "to": "/blog/:splat" } ] }""", "index.html");
        Assert.Contains("redirect loop", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_that_shadows_an_asset_is_an_error()
    {
        var error = await RulesSite.BuildErrorAsync("""
            {
              "redirects": [ { "from": "/about.html", "to": "/" } ]
            }
            """, "index.html", "about.html");
        Assert.EndsWith("servestatic.json:2", error.Where, StringComparison.Ordinal);
        Assert.Contains("shadows an asset", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_status_is_an_error()
    {
        var error = await RulesSite.BuildErrorAsync("""{ "redirects": [ { "from": "/a", "to": "/", "status": 303 } ] }""", "index.html");
        Assert.Contains("status 303 is not a redirect status", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_the_responder_owns_is_an_error_at_its_line()
    {
        var error = await RulesSite.BuildErrorAsync("""
            {
              "headers": [ {
                "glob": "*.html",
                "set": {
                  "X-Frame-Options": "DENY",
                  "ETag": "\"x\""
                } } ]
            }
            """, "index.html");
        Assert.EndsWith("servestatic.json:6", error.Where, StringComparison.Ordinal);
        Assert.Contains("ETag is computed by the responder", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_glob_is_an_error()
    {
        var error = await RulesSite.BuildErrorAsync("""{ "headers": [ { "glob": "/", "set": { "X-A": "b" } } ] }""", "index.html");
        Assert.Contains("glob \"/\" is empty", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_property_is_an_error_at_its_line()
    {
        var error = await RulesSite.BuildErrorAsync("""
            {
              "cleanUrls": true,
              "redirect": []
            }
            """, "index.html");
        Assert.EndsWith("servestatic.json:3", error.Where, StringComparison.Ordinal);
        Assert.Contains("unknown property \"redirect\"", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rewrite_to_a_path_the_site_lacks_is_an_error()
    {
        var error = await RulesSite.BuildErrorAsync("""{ "rewrites": [ { "from": "/x/*", "to": "/nope.html" } ] }""", "index.html");
        Assert.Contains("\"/nope.html\" is not an asset of the site", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_JSON_is_an_error_at_its_line()
    {
        var error = await RulesSite.BuildErrorAsync("{\n  \"cleanUrls\": tru\n}", "index.html");
        Assert.EndsWith("servestatic.json:2", error.Where, StringComparison.Ordinal);
    }
}
