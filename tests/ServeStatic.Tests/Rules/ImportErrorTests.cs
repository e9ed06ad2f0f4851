using ServeStatic.Build;

namespace ServeStatic.Tests.Rules;

/// <summary>What an imported rules file asks for and cannot be honoured fails the build, naming the file, the line and the rule.</summary>
public class ImportErrorTests
{
    private static async Task<BuildException> StaticWebAppErrorAsync(string config)
    {
        using var site = RulesSite.WithFile("staticwebapp.config.json", config, "index.html", "404.html");
        return await RulesSite.BuildErrorAsync(site);
    }

    private static async Task<BuildException> RedirectsErrorAsync(string redirects, params string[] files)
    {
        using var site = RulesSite.WithFile("_redirects", redirects, ["index.html", .. files]);
        return await RulesSite.BuildErrorAsync(site);
    }

    [Fact]
    public async Task Allowed_roles_are_an_error_naming_the_route()
    {
        var error = await StaticWebAppErrorAsync("""
            {
              "routes": [
                { "route": "/admin*", "allowedRoles": ["administrator"] }
              ]
            }
            """);
        Assert.EndsWith("staticwebapp.config.json:3", error.Where, StringComparison.Ordinal);
        Assert.Contains("route /admin*: allowedRoles [administrator] cannot be honoured", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Methods_are_an_error_naming_the_route()
    {
        var error = await StaticWebAppErrorAsync("""
            {
              "routes": [
                { "route": "/api*", "methods": ["POST"] }
              ]
            }
            """);
        Assert.EndsWith("staticwebapp.config.json:3", error.Where, StringComparison.Ordinal);
        Assert.Contains("route /api*: methods cannot be honoured", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authentication_route_is_an_error()
    {
        var error = await StaticWebAppErrorAsync("""
            {
              "routes": [
                { "route": "/login", "rewrite": "/.auth/login/github" }
              ]
            }
            """);
        Assert.EndsWith("staticwebapp.config.json:3", error.Where, StringComparison.Ordinal);
        Assert.Contains("route /login: /.auth routes cannot be honoured", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_auth_section_is_an_error()
    {
        var error = await StaticWebAppErrorAsync("""
            {
              "auth": { "identityProviders": {} }
            }
            """);
        Assert.EndsWith("staticwebapp.config.json:2", error.Where, StringComparison.Ordinal);
        Assert.StartsWith("auth configures sign-in providers, which cannot be honoured", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rewrite_to_another_host_is_an_error()
    {
        var error = await StaticWebAppErrorAsync("""
            {
              "routes": [ { "route": "/api/*", "rewrite": "https://api.example.com/" } ]
            }
            """);
        Assert.Contains("route /api/*: a rewrite to another host (https://api.example.com/) is a proxy, which cannot be honoured", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_override_for_a_sign_in_status_is_an_error()
    {
        var error = await StaticWebAppErrorAsync("""
            {
              "responseOverrides": {
                "404": { "rewrite": "/404.html" },
                "401": { "redirect": "/login", "statusCode": 302 }
              }
            }
            """);
        Assert.EndsWith("staticwebapp.config.json:4", error.Where, StringComparison.Ordinal);
        Assert.StartsWith("responseOverrides 401 cannot be honoured", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_route_answered_with_a_status_of_its_own_is_an_error()
    {
        var error = await StaticWebAppErrorAsync("""
            {
              "routes": [ { "route": "/secret", "statusCode": 404 } ]
            }
            """);
        Assert.Contains("route /secret: answering a route with status 404 of its own cannot be honoured", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_removal_is_an_error()
    {
        var error = await StaticWebAppErrorAsync("""
            {
              "globalHeaders": {
                "X-Powered-By": ""
              }
            }
            """);
        Assert.EndsWith("staticwebapp.config.json:3", error.Where, StringComparison.Ordinal);
        Assert.StartsWith("header X-Powered-By: an empty value removes the header", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_imported_rule_gets_the_same_checks_as_servestatic_json()
    {
        var error = await StaticWebAppErrorAsync("""
            {
              "routes": [ { "route": "/old", "redirect": "/new", "statusCode": 303 } ]
            }
            """);
        Assert.EndsWith("staticwebapp.config.json:2", error.Where, StringComparison.Ordinal);
        Assert.Equal("redirect status 303 is not a redirect status (301, 302, 307 or 308)", error.Problem);
    }

    [Fact]
    public async Task A_proxy_in_redirects_is_an_error_naming_the_line_and_rule()
    {
        var error = await RedirectsErrorAsync("""
            # API
            /api/*  https://api.example.com/:splat  200
            """);
        Assert.EndsWith("_redirects:2", error.Where, StringComparison.Ordinal);
        Assert.StartsWith("\"/api/* https://api.example.com/:splat 200\": a 200 to another host is a proxy, which cannot be honoured", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_condition_in_redirects_is_an_error()
    {
        var error = await RedirectsErrorAsync("/  /fr/  302  Country=fr,be", "fr/index.html");
        Assert.EndsWith("_redirects:1", error.Where, StringComparison.Ordinal);
        Assert.Contains("the condition Country=fr,be cannot be honoured", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_matching_in_redirects_is_an_error()
    {
        var error = await RedirectsErrorAsync("/store  id=:id  /blog/:id  301");
        Assert.Contains("matching the query (id=:id) cannot be honoured", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_that_is_not_a_redirect_rewrite_or_404_is_an_error()
    {
        var error = await RedirectsErrorAsync("/gone  /index.html  410");
        Assert.Contains("status 410 cannot be honoured", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forced_rule_over_an_asset_is_an_error()
    {
        var error = await RedirectsErrorAsync("\n/app/*  /index.html  200!", "app/main.js");
        Assert.EndsWith("_redirects:2", error.Where, StringComparison.Ordinal);
        Assert.StartsWith("\"/app/*\" is forced (!) over \"/app/main.js\"", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_header_in_headers_is_an_error_naming_the_headers_file()
    {
        using var site = RulesSite.WithFile("_redirects", "/old /index.html", "index.html");
        site.Write("_headers", "/*\n  ETag: \"x\"\n");
        var error = await RulesSite.BuildErrorAsync(site);
        Assert.EndsWith("_headers:2", error.Where, StringComparison.Ordinal);
        Assert.StartsWith("header ETag is computed by the responder", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_removal_in_headers_is_an_error()
    {
        using var site = RulesSite.WithFile("_headers", "/*\n  ! X-Powered-By\n", "index.html");
        var error = await RulesSite.BuildErrorAsync(site);
        Assert.EndsWith("_headers:2", error.Where, StringComparison.Ordinal);
        Assert.Contains("removes a header, which cannot be honoured", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Servestatic_json_beside_an_imported_file_is_an_error_naming_both()
    {
        using var site = RulesSite.With("{}", "index.html");
        site.Write("staticwebapp.config.json", "{}");
        var error = await RulesSite.BuildErrorAsync(site);
        Assert.EndsWith("staticwebapp.config.json", error.Where, StringComparison.Ordinal);
        Assert.Contains("servestatic.json", error.Problem, StringComparison.Ordinal);
    }
}
