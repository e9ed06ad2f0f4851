using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace ServeStatic.Tests.Serving;

/// <summary>
/// <c>AddServeStatic</c> in the Development environment serves a site folder live, rebuilt on change, as
/// <c>servestatic serve &lt;site&gt;</c> does; outside it, a site folder is refused at start (docs/configuration.md).
/// </summary>
public class DevelopmentModeTests
{
    private const string Development = "Development";

    /// <summary>How long a rebuild after a change may take on a busy machine before a test gives up on it.</summary>
    private const double RebuildSeconds = 60;

    private static Task<ServerUnderTest> StartAsync(string? folderPath, string environment, string? contentRoot = null) =>
        ServerUnderTest.StartAsync(services => services.AddServeStatic(), Hosting.Middleware,
            folderPath is null ? null : new Dictionary<string, string?> { ["ServeStatic:Folder:Path"] = folderPath }, environment, contentRoot);

    /// <summary>Asks for <paramref name="path"/> until its body is <paramref name="body"/>, and returns that response's ETag.</summary>
    private static async Task<string> ServedEventuallyAsync(ServerUnderTest server, string path, string body)
    {
        var answer = await Eventually.ValueAsync(async () =>
        {
            using var response = await server.GetAsync(path);
            return (Text: $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}", ETag: response.Headers.ETag?.ToString());
        }, answer => answer.Text == "200 " + body, $"{path} answers 200 \"{body}\"", RebuildSeconds);
        return answer.ETag!;
    }

    [Fact]
    public async Task In_development_a_configured_site_folder_is_served_live_and_an_edit_is_served_with_a_new_etag()
    {
        using var site = new TempSite();
        site.Write("page.html", "<h1>first</h1>");
        await using var server = await StartAsync(site.Site, Development);
        var first = await ServedEventuallyAsync(server, "/page.html", "<h1>first</h1>");
        site.Write("page.html", "<h1>second</h1>");
        var second = await ServedEventuallyAsync(server, "/page.html", "<h1>second</h1>");
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task In_development_serving_a_site_folder_live_is_said_in_one_log_line_naming_it()
    {
        using var site = new TempSite();
        site.Write("page.html", "<h1>home</h1>");
        await using var server = await StartAsync(site.Site, Development);
        var line = Assert.Single(server.Logs.Entries, e => e.Message.StartsWith("Development mode:", StringComparison.Ordinal));
        Assert.Contains(site.Site, line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_without_configuration_the_web_root_is_served_live()
    {
        using var app = new TempSite();
        var wwwroot = Path.Join(app.Root, "wwwroot");
        Directory.CreateDirectory(wwwroot);
        File.WriteAllText(Path.Join(wwwroot, "app.css"), "a { }");
        await using var server = await StartAsync(folderPath: null, Development, contentRoot: app.Root);
        await ServedEventuallyAsync(server, "/app.css", "a { }");
        File.WriteAllText(Path.Join(wwwroot, "app.css"), "b { }");
        await ServedEventuallyAsync(server, "/app.css", "b { }");
        Assert.True(server.Logs.Contains($"serving the site folder {wwwroot} live"), server.Logs.ToString());
    }

    [Fact]
    public async Task In_development_a_configured_release_folder_is_served_as_a_release_not_rebuilt()
    {
        using var folder = new TempFolder();
        var id = new TestRelease().Add("/a.txt", "a").WriteTo(folder.Path);
        await using var server = await StartAsync(folder.Path, Development);
        using var response = await server.GetAsync("/a.txt");
        Assert.Equal("a", await response.Content.ReadAsStringAsync());
        Assert.True(server.Logs.Contains($"Serving release {id} (1 assets) from folder {folder.Path}"), server.Logs.ToString());
        Assert.False(server.Logs.Contains("Development mode:"), server.Logs.ToString());
    }

    [Fact]
    public async Task Outside_development_a_configured_site_folder_stops_the_start_naming_it_and_how_to_build_a_release()
    {
        using var site = new TempSite();
        site.Write("page.html", "<h1>home</h1>");
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(site.Site, "Production"));
        Assert.StartsWith($"ServeStatic:Folder:Path: {site.Site} is a site folder, not a release", e.Message, StringComparison.Ordinal);
        Assert.Contains($"`servestatic build {site.Site} --output <release folder>`", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_max_age_is_0_so_an_edit_is_seen_at_once()
    {
        using var site = new TempSite();
        site.Write("page.html", "<h1>home</h1>");
        await using var server = await StartAsync(site.Site, Development);
        await ServedEventuallyAsync(server, "/page.html", "<h1>home</h1>");
        using var response = await server.GetAsync("/page.html");
        Assert.Equal("public, max-age=0", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task In_development_a_configured_max_age_wins()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/a.txt", "a").WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(services => services.AddServeStatic(), configuration: new Dictionary<string, string?>
        {
            ["ServeStatic:Folder:Path"] = folder.Path,
            ["ServeStatic:MaxAgeSeconds"] = "30",
        }, environment: Development);
        using var response = await server.GetAsync("/a.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=30", response.Headers.CacheControl!.ToString());
    }
}
