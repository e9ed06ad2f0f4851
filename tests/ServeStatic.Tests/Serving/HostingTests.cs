using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServeStatic.Serving;

namespace ServeStatic.Tests.Serving;

/// <summary>The three ways into the responder, and configuration.</summary>
public class HostingTests
{
    private static async Task<ServerUnderTest> StartAsync(TempFolder folder, Hosting hosting)
    {
        new TestRelease().Add("/a.txt", "a").WriteTo(folder.Path);
        return await ServerUnderTest.StartAsync(folder.Path, hosting: hosting);
    }

    [Theory]
    [InlineData(Hosting.Endpoint)]
    [InlineData(Hosting.Middleware)]
    [InlineData(Hosting.RespondAsync)]
    public async Task Every_form_answers_the_paths_of_the_release(Hosting hosting)
    {
        using var folder = new TempFolder();
        await using var server = await StartAsync(folder, hosting);
        using var response = await server.GetAsync("/a.txt");
        Assert.Equal("a", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(Hosting.Endpoint)]
    [InlineData(Hosting.Middleware)]
    [InlineData(Hosting.RespondAsync)]
    public async Task Every_form_answers_the_health_path(Hosting hosting)
    {
        using var folder = new TempFolder();
        await using var server = await StartAsync(folder, hosting);
        using var response = await server.GetAsync("/.servestatic/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/other")]
    [InlineData("/api/items")]
    public async Task The_middleware_passes_other_paths_on(string path)
    {
        using var folder = new TempFolder();
        await using var server = await StartAsync(folder, Hosting.Middleware);
        using var response = await server.SendAsync(HttpMethod.Post, path);
        Assert.Equal(ServerUnderTest.FromTheApp, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(Hosting.Endpoint)]
    [InlineData(Hosting.RespondAsync)]
    public async Task The_terminal_forms_answer_404_for_other_paths(Hosting hosting)
    {
        using var folder = new TempFolder();
        await using var server = await StartAsync(folder, hosting);
        using var response = await server.GetAsync("/other");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Options_bind_from_the_ServeStatic_configuration_section()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/a.txt", "a").WriteTo(folder.Path);
        var configuration = new Dictionary<string, string?>
        {
            ["ServeStatic:Folder:Path"] = folder.Path,
            ["ServeStatic:Folder:PreviousReleases"] = "0",
            ["ServeStatic:MaxAgeSeconds"] = "120",
            ["ServeStatic:NotFoundMaxAgeSeconds"] = "7",
            ["ServeStatic:HealthPath"] = "/.health",
            ["ServeStatic:HeaderRules:0:Glob"] = "*.txt",
            ["ServeStatic:HeaderRules:0:Name"] = "X-Rule",
            ["ServeStatic:HeaderRules:0:Value"] = "applied",
        };
        await using var server = await ServerUnderTest.StartAsync(services =>
            services.AddServeStatic(services.BuildServiceProvider().GetRequiredService<IConfiguration>().GetSection("ServeStatic")),
            configuration: configuration);
        using var response = await server.GetAsync("/a.txt");
        Assert.Equal("public, max-age=120", response.Headers.CacheControl!.ToString());
        Assert.Equal("applied", Assert.Single(response.Headers.GetValues("X-Rule")));
        using var health = await server.GetAsync("/.health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var missing = await server.GetAsync("/missing.txt");
        Assert.Equal("public, max-age=7", missing.Headers.CacheControl!.ToString());
        var options = server.Services.GetRequiredService<IOptions<ServeStaticOptions>>().Value;
        Assert.Equal(0, options.Folder.PreviousReleases);
    }

    [Fact]
    public async Task A_configuration_value_that_does_not_parse_is_named_with_its_key()
    {
        var configuration = new Dictionary<string, string?> { ["ServeStatic:Folder:Path"] = "/x", ["ServeStatic:MaxAgeSeconds"] = "a minute" };
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerUnderTest.StartAsync(services =>
            services.AddServeStatic(services.BuildServiceProvider().GetRequiredService<IConfiguration>().GetSection("ServeStatic")),
            configuration: configuration));
        Assert.Contains("'ServeStatic:MaxAgeSeconds'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'a minute'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_setting_out_of_range_stops_the_start_with_one_message_naming_it_and_the_rule()
    {
        var configuration = new Dictionary<string, string?> { ["ServeStatic:Folder:Path"] = "/x", ["ServeStatic:RetryAfterSeconds"] = "0" };
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => ServerUnderTest.StartAsync(services =>
            services.AddServeStatic(services.BuildServiceProvider().GetRequiredService<IConfiguration>().GetSection("ServeStatic")),
            configuration: configuration));
        Assert.Equal("ServeStatic:RetryAfterSeconds: must be positive", e.Message);
    }

    [Fact]
    public async Task Every_setting_out_of_range_is_named_in_the_one_message()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => ServerUnderTest.StartAsync("/x", options =>
        {
            options.MaxAgeSeconds = -1;
            options.HealthPath = "health";
        }));
        Assert.Equal("ServeStatic:HealthPath: must be an absolute path such as /.servestatic/health; ServeStatic:MaxAgeSeconds: must not be negative", e.Message);
    }

    [Fact]
    public async Task A_source_kind_that_is_not_folder_or_blob_is_refused_naming_it()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => ServerUnderTest.StartAsync("/x", options => options.Source = (ReleaseSourceKind)7));
        Assert.Equal("ServeStatic:Source: must be Folder or Blob", e.Message);
    }

    [Fact]
    public async Task An_empty_spa_fallback_setting_is_off()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/index.html", "<p>").WriteTo(folder.Path);
        var configuration = new Dictionary<string, string?> { ["ServeStatic:Folder:Path"] = folder.Path, ["ServeStatic:SpaFallback"] = "", ["ServeStatic:NotFoundPage"] = "" };
        await using var server = await ServerUnderTest.StartAsync(services =>
            services.AddServeStatic(services.BuildServiceProvider().GetRequiredService<IConfiguration>().GetSection("ServeStatic")),
            configuration: configuration);
        using var response = await server.GetAsync("/about");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_blob_source_without_the_blob_package_registered_is_a_clear_error()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerUnderTest.StartAsync(services =>
            services.AddServeStatic(o => o.Source = ReleaseSourceKind.Blob)));
        Assert.Contains("AddServeStaticBlobStorage", e.Message, StringComparison.Ordinal);
    }
}
