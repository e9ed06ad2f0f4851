using System.Net;

namespace ServeStatic.Tests.Serving;

/// <summary>
/// What a miss tells caches: every 404 varies on Accept-Encoding (so a shared cache never hands it to a client whose 200 it
/// holds), a fingerprinted-looking name's 404 is never stored, other 404s are cacheable for the short max-age.
/// </summary>
public class NotFoundTests
{
    private static Task<ServerUnderTest> StartAsync(TempFolder folder, Action<ServeStatic.Serving.ServeStaticOptions>? configure = null) =>
        DirectoryTests.StartWithPagesAsync(folder, o =>
        {
            o.MissRefreshSeconds = 0;
            configure?.Invoke(o);
        });

    [Theory]
    [InlineData("/missing.css")]
    [InlineData("/app.0123456789abcdef.css")]
    [InlineData("/a/../b")]
    public async Task A_404_varies_on_Accept_Encoding(string path)
    {
        using var folder = new TempFolder();
        await using var server = await StartAsync(folder);
        using var response = await server.GetAsync(path, ("Accept-Encoding", "br"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Accept-Encoding", Assert.Single(response.Headers.Vary));
    }

    [Fact]
    public async Task A_404_for_a_fingerprinted_name_is_never_stored()
    {
        using var folder = new TempFolder();
        await using var server = await StartAsync(folder);
        using var response = await server.GetAsync("/js/app.0123456789abcdef.js");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Other_404s_are_cacheable_for_NotFoundMaxAgeSeconds()
    {
        using var folder = new TempFolder();
        await using var server = await StartAsync(folder, o => o.NotFoundMaxAgeSeconds = 42);
        using var response = await server.GetAsync("/missing.css");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("public, max-age=42", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task The_404_page_for_a_fingerprinted_name_is_never_stored_and_varies_on_Accept_Encoding()
    {
        using var folder = new TempFolder();
        await using var server = await StartAsync(folder, o => o.NotFoundPage = "/404.html");
        using var response = await server.GetAsync("/app.0123456789abcdef.css");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("<h1>not here</h1>", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("Accept-Encoding", Assert.Single(response.Headers.Vary));
    }

    [Fact]
    public async Task The_404_page_for_another_name_has_the_short_max_age()
    {
        using var folder = new TempFolder();
        await using var server = await StartAsync(folder, o => o.NotFoundPage = "/404.html");
        using var response = await server.GetAsync("/missing.css");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl!.ToString());
    }
}
