using System.Net;
using ServeStatic.Serving;

namespace ServeStatic.Tests.Serving;

/// <summary>
/// Cross-origin access (Fetch standard, CORS protocol): the headers of the 200 on every status about a path, a preflight
/// answered, and all of it governed by one option.
/// </summary>
public class CorsTests(StandardSite site) : IClassFixture<StandardSite>
{
    private ServerUnderTest Server => site.Server;

    private static readonly (string, string)[] Preflight = [("Origin", "https://app.example"), ("Access-Control-Request-Method", "GET"), ("Access-Control-Request-Headers", "range")];

    private async Task<HttpResponseMessage> GetWithETagAsync(string header)
    {
        using var first = await Server.GetAsync(StandardSite.Css, ("Accept-Encoding", "br"));
        return await Server.GetAsync(StandardSite.Css, ("Accept-Encoding", "br"), (header, first.Headers.ETag!.ToString()));
    }

    public static TheoryData<string, HttpStatusCode> Statuses => new()
    {
        { "200", HttpStatusCode.OK },
        { "206", HttpStatusCode.PartialContent },
        { "304", HttpStatusCode.NotModified },
        { "412", HttpStatusCode.PreconditionFailed },
        { "416", HttpStatusCode.RequestedRangeNotSatisfiable },
        { "404", HttpStatusCode.NotFound },
        { "301", HttpStatusCode.MovedPermanently },
    };

    private async Task<HttpResponseMessage> ResponseWithStatusAsync(string status) => status switch
    {
        "200" => await Server.GetAsync(StandardSite.Css),
        "206" => await Server.GetAsync(StandardSite.Css, ("Range", "bytes=0-9")),
        "304" => await GetWithETagAsync("If-None-Match"),
        "412" => await Server.GetAsync(StandardSite.Css, ("If-Match", "\"nope\"")),
        "416" => await Server.GetAsync(StandardSite.Css, ("Range", "bytes=999999-")),
        "404" => await Server.GetAsync("/missing.css"),
        "301" => await Server.GetAsync("/docs"),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Every_status_about_a_path_carries_the_allowed_origin_the_exposed_headers_and_nosniff(string status, HttpStatusCode expected)
    {
        using var response = await ResponseWithStatusAsync(status);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("Content-Range, Content-Length, ETag", Assert.Single(response.Headers.GetValues("Access-Control-Expose-Headers")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task A_preflight_is_204_with_the_methods_the_request_headers_of_a_static_client_and_a_max_age()
    {
        using var response = await Server.SendAsync(HttpMethod.Options, StandardSite.Css, Preflight);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("GET, HEAD", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Methods")));
        Assert.Equal("Range, If-None-Match, If-Modified-Since, If-Range", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers")));
        Assert.Equal("7200", Assert.Single(response.Headers.GetValues("Access-Control-Max-Age")));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_preflight_for_a_path_the_release_lacks_is_answered_too_so_the_script_sees_the_404()
    {
        using var response = await Server.SendAsync(HttpMethod.Options, "/missing.css", Preflight);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task OPTIONS_without_the_preflight_headers_is_still_405()
    {
        using var response = await Server.SendAsync(HttpMethod.Options, StandardSite.Css, ("Origin", "https://app.example"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task With_the_allowed_origin_empty_there_is_no_CORS_at_all_preflights_included()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/a.css", "a{}").WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o => o.AccessControlAllowOrigin = "");
        using var preflight = await server.SendAsync(HttpMethod.Options, "/a.css", Preflight);
        using var missing = await server.GetAsync("/missing.css");
        using var asset = await server.GetAsync("/a.css");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, preflight.StatusCode);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(missing.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(asset.Headers.Contains("Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task The_middleware_passes_a_preflight_for_a_path_that_is_not_the_releases_on_to_the_app()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/a.css", "a{}").WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path, hosting: Hosting.Middleware);
        using var ours = await server.SendAsync(HttpMethod.Options, "/a.css", Preflight);
        using var theirs = await server.SendAsync(HttpMethod.Options, "/api/things", Preflight);
        Assert.Equal(HttpStatusCode.NoContent, ours.StatusCode);
        Assert.Equal(ServerUnderTest.FromTheApp, await theirs.Content.ReadAsStringAsync());
    }
}
