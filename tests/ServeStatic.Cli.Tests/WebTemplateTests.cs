using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServeStatic.Cli.Tests;

/// <summary>
/// <c>dotnet new servestatic-web</c> as a user meets it: made from the packed template package, restored, built and published
/// offline against the packed packages, and run from its publish folder; its site answered by ServeStatic over HTTP,
/// everything else by the app.
/// </summary>
[Collection(ChildBuildCollection.Name)]
public sealed partial class WebTemplateTests(WebTemplateTests.PublishedAndRunning app) : IClassFixture<WebTemplateTests.PublishedAndRunning>
{
    [Fact]
    public async Task The_start_page_is_answered_from_the_release_in_brotli_with_a_strong_etag()
    {
        using var response = await app.App.GetAsync("/", ("Accept-Encoding", "br, gzip"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag.IsWeak, "the ETag is weak: " + response.Headers.ETag);
        Assert.Contains("Served by ServeStatic", Encoding.UTF8.GetString(Decode.Body("br", await response.Content.ReadAsByteArrayAsync())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stylesheet_has_a_fingerprinted_name_cached_a_year_as_immutable()
    {
        using var page = await app.App.GetAsync("/");
        var stylesheet = FingerprintedStylesheet().Match(await page.Content.ReadAsStringAsync());
        Assert.True(stylesheet.Success, "the start page links no fingerprinted /css/site.<hash>.css");

        using var response = await app.App.GetAsync(stylesheet.Groups[1].Value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", response.Headers.CacheControl!.Extensions.Select(e => e.Name));
    }

    [Fact]
    public async Task A_path_the_site_does_not_have_goes_on_to_the_apps_own_endpoint()
    {
        using var response = await app.App.GetAsync("/api/hello");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Hello from Walks", json.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_path_neither_the_site_nor_the_app_has_is_404()
    {
        using var response = await app.App.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex(@"href=""(/css/site\.[0-9a-f]{8,}\.css)""")]
    private static partial Regex FingerprintedStylesheet();

    /// <summary>The project "Walks" made by <c>dotnet new servestatic-web</c>, built, published, and started from its publish folder.</summary>
    public sealed class PublishedAndRunning : IAsyncLifetime
    {
        private TemplateProject? _project;

        internal RunningWebApp App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _project = await TemplateProject.CreateAsync("servestatic-web", "Walks");
            (await _project.RunAsync(".", "build", "-c", "Release")).EnsureSucceeded();
            (await _project.RunAsync(".", "publish", "-c", "Release", "-o", "published")).EnsureSucceeded();
            App = await RunningWebApp.StartAsync(Path.Join(_project.Folder, "published", "Walks.dll"));
        }

        public async Task DisposeAsync()
        {
            if (App is not null)
                await App.DisposeAsync();
            _project?.Dispose();
        }
    }
}
