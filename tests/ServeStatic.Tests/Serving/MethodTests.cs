using System.Net;

namespace ServeStatic.Tests.Serving;

/// <summary>GET and HEAD only (RFC 9110 §9.3.1, §9.3.2, §15.5.6).</summary>
public class MethodTests(StandardSite site) : IClassFixture<StandardSite>
{
    private ServerUnderTest Server => site.Server;

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    [InlineData("PATCH")]
    public async Task Any_other_method_on_an_asset_is_405_with_Allow(string method)
    {
        using var response = await Server.SendAsync(new HttpMethod(method), StandardSite.Css);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_directory_redirect_also_refuses_other_methods()
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "/docs");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData(StandardSite.Css, "br")]
    [InlineData(StandardSite.Css, "")]
    [InlineData(StandardSite.Big, "gzip")]
    [InlineData(StandardSite.Png, "gzip")]
    public async Task Head_sends_exactly_the_headers_of_get_without_a_body(string path, string acceptEncoding)
    {
        var get = await RawHttp.SendAsync(Server.Address, path, "GET", headers: $"Accept-Encoding: {acceptEncoding}");
        var head = await RawHttp.SendAsync(Server.Address, path, "HEAD", headers: $"Accept-Encoding: {acceptEncoding}");
        Assert.Equal(200, head.Status);
        Assert.Equal(Without(get.Headers, "Date"), Without(head.Headers, "Date"));
        Assert.True(head.Headers.ContainsKey("Content-Length"));
        Assert.Empty(head.Body);
        Assert.NotEmpty(get.Body);
    }

    private static SortedDictionary<string, string> Without(IReadOnlyDictionary<string, string> headers, string name) =>
        new(headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value));
}
