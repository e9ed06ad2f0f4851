using ServeStatic.Azure.Tests.Azurite;
using ServeStatic.Build;

namespace ServeStatic.Azure.Tests;

/// <summary>The site rules (<c>servestatic.json</c>) of releases published to a container and served through the blob source.</summary>
[Collection(AzuriteCollection.Name)]
public class ReleaseRulesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Activating_another_release_switches_the_redirects_and_headers_to_its_rules()
    {
        using var site = new TempSite();
        site.Write("a.html", "<p>a</p>");
        site.Write("b.html", "<p>b</p>");
        site.Write("servestatic.json", RulesFor("/a.html", "DENY"));
        await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site), site.Output("a"));
        site.Write("servestatic.json", RulesFor("/b.html", "SAMEORIGIN"));
        var b = await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site), site.Output("b"));
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(site.Output("a"), activate: true);
        await new ReleasePublisher(container).PublishAsync(site.Output("b"), activate: false);
        await using var server = await BlobServer.StartAsync(azurite.Server.ConnectionString, container.Name);
        Assert.Equal("302 /a.html DENY", await RulesAnsweredAsync(server));

        await new ReleaseManager(container).ActivateAsync(b.ReleaseId);

        await Eventually.ValueAsync(() => RulesAnsweredAsync(server), answer => answer == "302 /b.html SAMEORIGIN", "release b's redirect and header are answered");
    }

    private static string RulesFor(string oldTarget, string frameOptions) =>
        $$"""
        {
          "redirects": [ { "from": "/old", "to": "{{oldTarget}}", "status": 302 } ],
          "headers": [ { "glob": "*.html", "set": { "X-Frame-Options": "{{frameOptions}}" } } ]
        }
        """;

    /// <summary>The status and <c>Location</c> of <c>/old</c>, then the <c>X-Frame-Options</c> of <c>/a.html</c>: <c>302 /a.html DENY</c>.</summary>
    private static async Task<string> RulesAnsweredAsync(BlobServer server)
    {
        using var old = await server.GetAsync("/old");
        using var page = await server.GetAsync("/a.html");
        var frameOptions = page.Headers.TryGetValues("X-Frame-Options", out var values) ? string.Join(",", values) : "(none)";
        return $"{(int)old.StatusCode} {old.Headers.Location?.OriginalString} {frameOptions}";
    }
}
