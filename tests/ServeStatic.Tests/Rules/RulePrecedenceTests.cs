using System.Net;
using ServeStatic.Build;
using ServeStatic.Index;
using ServeStatic.Serving;

namespace ServeStatic.Tests.Rules;

/// <summary>Application settings over the release's rules, the switch of rules with a release, and the old index schema.</summary>
public class RulePrecedenceTests
{
    [Fact]
    public async Task An_application_header_rule_wins_over_the_release_rule_for_the_same_header()
    {
        using var site = RulesSite.With("""{ "headers": [ { "glob": "*.html", "set": { "X-Frame-Options": "DENY" } } ] }""", "index.html");
        await using var server = await RulesSite.ServeAsync(site, o => o.HeaderRules.Add(new HeaderRule { Glob = "/**", Name = "X-Frame-Options", Value = "SAMEORIGIN" }));
        using var response = await server.GetAsync("/");
        Assert.Equal("SAMEORIGIN", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task The_application_NotFoundPage_replaces_the_release_404_pages()
    {
        using var site = RulesSite.With("{}", "404.html", "gone.html");
        await using var server = await RulesSite.ServeAsync(site, o => o.NotFoundPage = "/gone.html");
        using var response = await server.GetAsync("/missing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("<p>gone.html</p>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_application_SpaFallback_replaces_the_release_fallback_and_its_exclusions()
    {
        using var site = RulesSite.With("""{ "spaFallback": { "path": "/index.html", "exclude": ["/admin/**"] } }""", "index.html", "admin.html");
        await using var server = await RulesSite.ServeAsync(site, o => o.SpaFallback = "/admin.html");
        using var response = await server.GetAsync("/admin/users");
        Assert.Equal("<p>admin.html</p>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_release_switch_switches_its_rules()
    {
        using var site = RulesSite.With("""{ "redirects": [ { "from": "/go", "to": "/one" } ] }""", "index.html");
        await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site), site.Output());
        await using var server = await ServerUnderTest.StartAsync(site.Output(), o => o.Folder.PollSeconds = 1);
        using (var before = await server.GetAsync("/go"))
            Assert.Equal("/one", before.Headers.Location!.OriginalString);

        site.Write("servestatic.json", """{ "redirects": [ { "from": "/go", "to": "/two" } ] }""");
        await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site), site.Output());

        await Eventually.TrueAsync(async () =>
        {
            using var after = await server.GetAsync("/go");
            return after.Headers.Location?.OriginalString == "/two";
        }, "the redirect of the new release");
    }

    [Fact]
    public async Task A_schema_version_1_index_still_loads_and_serves()
    {
        var written = TestRelease.Write(("/index.html", "<p>v1</p>"));
        var indexFile = Path.Join(written.Folder, ReleaseLayout.IndexPath(written.Id));
        File.WriteAllText(indexFile, File.ReadAllText(indexFile).Replace("\"schemaVersion\": 3", "\"schemaVersion\": 1", StringComparison.Ordinal));
        Assert.Contains("\"schemaVersion\": 1", File.ReadAllText(indexFile), StringComparison.Ordinal);
        await using var server = await ServerUnderTest.StartAsync(written.Folder);
        using var response = await server.GetAsync("/");
        Assert.Equal("<p>v1</p>", await response.Content.ReadAsStringAsync());
    }
}
