using System.Net;
using ServeStatic.Serving;

namespace ServeStatic.Tests.Serving;

/// <summary>Directory indexes, their redirects, the query string, the SPA fallback and the 404 page.</summary>
public class DirectoryTests(StandardSite site) : IClassFixture<StandardSite>
{
    private ServerUnderTest Server => site.Server;

    [Fact]
    public async Task A_directory_path_with_a_slash_serves_its_index_html()
    {
        using var response = await Server.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("<h1>docs</h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_root_serves_index_html()
    {
        using var response = await Server.GetAsync("/");
        Assert.Equal("<h1>home</h1>", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/docs", "/docs/")]
    [InlineData("/docs/index.html", "/docs/")]
    [InlineData("/index.html", "/")]
    [InlineData("/docs?page=2&x=%20y", "/docs/?page=2&x=%20y")]
    [InlineData("/docs/index.html?v=1", "/docs/?v=1")]
    public async Task Another_name_for_a_directory_index_redirects_to_the_directory_keeping_the_query(string path, string location)
    {
        using var response = await Server.GetAsync(path);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_directory_without_an_index_is_404()
    {
        using var response = await Server.GetAsync("/nodir/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("?v=1")]
    [InlineData("?../../etc/passwd")]
    [InlineData("?path=/img/logo.png")]
    public async Task The_query_string_never_changes_which_file_is_served(string query)
    {
        using var response = await Server.GetAsync(StandardSite.Css + query);
        Assert.Equal(StandardSite.CssBytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_percent_encoded_name_is_served_once_decoded()
    {
        using var response = await Server.GetAsync("/a%20b.txt");
        Assert.Equal("spaced", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_miss_is_a_plain_404_by_default()
    {
        using var response = await Server.GetAsync("/app/route");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>A release of two pages, <c>/index.html</c> (&lt;h1&gt;app&lt;/h1&gt;) and <c>/404.html</c> (&lt;h1&gt;not here&lt;/h1&gt;).</summary>
    internal static async Task<ServerUnderTest> StartWithPagesAsync(TempFolder folder, Action<ServeStaticOptions> configure)
    {
        new TestRelease()
            .Add("/index.html", "<h1>app</h1>", "text/html; charset=utf-8")
            .Add("/404.html", "<h1>not here</h1>", "text/html; charset=utf-8")
            .WriteTo(folder.Path);
        return await ServerUnderTest.StartAsync(folder.Path, configure);
    }

    [Fact]
    public async Task The_spa_fallback_serves_its_page_for_a_path_without_an_extension()
    {
        using var folder = new TempFolder();
        await using var server = await StartWithPagesAsync(folder, o => o.SpaFallback = "/index.html");
        using var response = await server.GetAsync("/app/settings/profile");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("<h1>app</h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_spa_fallback_does_not_answer_a_missing_file_with_an_extension()
    {
        using var folder = new TempFolder();
        await using var server = await StartWithPagesAsync(folder, o => o.SpaFallback = "/index.html");
        using var response = await server.GetAsync("/missing.js");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_404_page_is_sent_with_status_404()
    {
        using var folder = new TempFolder();
        await using var server = await StartWithPagesAsync(folder, o => o.NotFoundPage = "/404.html");
        using var response = await server.GetAsync("/missing.js");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("<h1>not here</h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_configured_page_the_release_lacks_keeps_the_release_from_loading()
    {
        using var folder = new TempFolder();
        await using var server = await StartWithPagesAsync(folder, o =>
        {
            o.SpaFallback = "/app.html";
            o.StartupWaitSeconds = 0;
        });
        using var response = await server.GetAsync("/index.html");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        await server.Logs.WaitForAsync(e => e.Exception?.Message.Contains("SpaFallback names /app.html", StringComparison.Ordinal) == true, "the missing SpaFallback page is named");
    }
}
