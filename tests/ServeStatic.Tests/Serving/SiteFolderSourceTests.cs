using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServeStatic.Build;
using ServeStatic.Sources;

namespace ServeStatic.Tests.Serving;

/// <summary>Development mode: a plain site folder built in memory and rebuilt when it changes.</summary>
public class SiteFolderSourceTests
{
    private static Task<ServerUnderTest> StartAsync(string site) => ServerUnderTest.StartAsync(services =>
    {
        services.AddSingleton<IReleaseSource>(new SiteFolderSource(new BuildOptions(site)));
        services.AddServeStatic(_ => { });
    });

    [Fact]
    public async Task A_site_folder_is_built_in_memory_and_served_compressed()
    {
        using var site = new TempFolder();
        var css = string.Concat(Enumerable.Repeat("body { color: red; }\n", 100));
        await File.WriteAllTextAsync(Path.Combine(site.Path, "app.css"), css);
        await using var server = await StartAsync(site.Path);
        using var response = await server.GetAsync("/app.css", ("Accept-Encoding", "br"));
        Assert.Equal("br", Decode.ContentEncoding(response));
        Assert.Equal(css, System.Text.Encoding.UTF8.GetString(Decode.Body("br", await response.Content.ReadAsByteArrayAsync())));
    }

    [Fact]
    public async Task A_file_added_to_the_site_folder_is_served_after_the_rebuild()
    {
        using var site = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(site.Path, "index.html"), "<h1>home</h1>");
        await using var server = await StartAsync(site.Path);
        await File.WriteAllTextAsync(Path.Combine(site.Path, "new.html"), "<h1>new</h1>");
        HttpResponseMessage response;
        for (var attempt = 0; (response = await server.GetAsync("/new.html")).StatusCode != HttpStatusCode.OK && attempt < 100; attempt++)
        {
            response.Dispose();
            await Task.Delay(100);
        }
        Assert.Equal("<h1>new</h1>", await response.Content.ReadAsStringAsync());
        response.Dispose();
    }

    [Fact]
    public async Task A_symbolic_link_leading_outside_the_site_folder_is_never_served()
    {
        using var site = new TempFolder();
        using var outside = new TempFolder();
        var secret = Path.Combine(outside.Path, "secret.txt");
        await File.WriteAllTextAsync(secret, "the secret");
        File.CreateSymbolicLink(Path.Combine(site.Path, "secret.txt"), secret);
        await using var server = await ServerUnderTest.StartAsync(services =>
        {
            services.AddSingleton<IReleaseSource>(new SiteFolderSource(new BuildOptions(site.Path)));
            services.AddServeStatic(options =>
            {
                options.StartupWaitSeconds = 1;
            });
        });
        using var response = await server.GetAsync("/secret.txt");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("the secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await server.Logs.WaitForAsync(e => e.Exception is BuildException && e.Exception.Message.Contains("outside the site folder", StringComparison.Ordinal)));
    }
}
