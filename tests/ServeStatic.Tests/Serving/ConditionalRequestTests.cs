using System.Net;
using Microsoft.Net.Http.Headers;

namespace ServeStatic.Tests.Serving;

/// <summary>Validators and preconditions (RFC 9110 §13).</summary>
public class ConditionalRequestTests(StandardSite site) : IClassFixture<StandardSite>
{
    private static readonly string LastModified = HeaderUtilities.FormatDate(TestRelease.Modified);
    private static readonly string Earlier = HeaderUtilities.FormatDate(TestRelease.Modified.AddDays(-1));
    private static readonly string Later = HeaderUtilities.FormatDate(TestRelease.Modified.AddDays(1));

    private ServerUnderTest Server => site.Server;

    private async Task<string> ETagOf(string path, string acceptEncoding = "br")
    {
        using var response = await Server.GetAsync(path, ("Accept-Encoding", acceptEncoding));
        return response.Headers.ETag!.ToString();
    }

    private async Task<HttpStatusCode> StatusOf(string path, params (string, string)[] headers)
    {
        using var response = await Server.GetAsync(path, headers);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_matching_If_None_Match_is_304()
    {
        var etag = await ETagOf(StandardSite.Css);
        Assert.Equal(HttpStatusCode.NotModified, await StatusOf(StandardSite.Css, ("Accept-Encoding", "br"), ("If-None-Match", etag)));
    }

    [Fact]
    public async Task A_304_carries_the_validators_and_the_CORS_and_nosniff_headers_of_its_200_and_no_body()
    {
        var etag = await ETagOf(StandardSite.Css);
        var response = await RawHttp.SendAsync(Server.Address, StandardSite.Css, headers: ["Accept-Encoding: br", $"If-None-Match: {etag}"]);
        Assert.Equal(304, response.Status);
        // Date, Server and Connection are the server's own.
        Assert.Equal(["Access-Control-Allow-Origin", "Access-Control-Expose-Headers", "Cache-Control", "ETag", "Last-Modified", "Vary", "X-Content-Type-Options"],
            response.Headers.Keys.Except(["Date", "Server", "Connection"]).Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal("*", response.Headers["Access-Control-Allow-Origin"]);
        Assert.Equal("nosniff", response.Headers["X-Content-Type-Options"]);
        Assert.Equal(etag, response.Headers["ETag"]);
        Assert.Equal("Accept-Encoding", response.Headers["Vary"]);
        Assert.Equal("public, max-age=60", response.Headers["Cache-Control"]);
        Assert.Equal(LastModified, response.Headers["Last-Modified"]);
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task A_304_of_an_identity_response_still_carries_Vary()
    {
        var etag = await ETagOf(StandardSite.Css, "identity");
        using var response = await Server.GetAsync(StandardSite.Css, ("If-None-Match", etag));
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(["Accept-Encoding"], response.Headers.Vary);
    }

    [Fact]
    public async Task The_etag_of_another_representation_does_not_validate_this_one()
    {
        var gzipETag = await ETagOf(StandardSite.Css, "gzip");
        Assert.Equal(HttpStatusCode.OK, await StatusOf(StandardSite.Css, ("Accept-Encoding", "br"), ("If-None-Match", gzipETag)));
    }

    [Fact]
    public async Task If_None_Match_matches_within_a_list_and_by_the_weak_comparison()
    {
        var etag = await ETagOf(StandardSite.Css);
        Assert.Equal(HttpStatusCode.NotModified,
            await StatusOf(StandardSite.Css, ("Accept-Encoding", "br"), ("If-None-Match", $"\"other\", W/{etag}, \"x,y\"")));
    }

    [Fact]
    public async Task If_None_Match_star_is_304() =>
        Assert.Equal(HttpStatusCode.NotModified, await StatusOf(StandardSite.Css, ("If-None-Match", "*")));

    [Fact]
    public async Task A_non_matching_If_None_Match_is_200_with_the_body()
    {
        using var response = await Server.GetAsync(StandardSite.Png, ("If-None-Match", "\"nope\""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(StandardSite.PngBytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task If_None_Match_is_evaluated_instead_of_If_Modified_Since() =>
        Assert.Equal(HttpStatusCode.OK, await StatusOf(StandardSite.Css, ("If-None-Match", "\"nope\""), ("If-Modified-Since", Later)));

    [Fact]
    public async Task If_Modified_Since_at_or_after_Last_Modified_is_304()
    {
        Assert.Equal(HttpStatusCode.NotModified, await StatusOf(StandardSite.Css, ("If-Modified-Since", LastModified)));
        Assert.Equal(HttpStatusCode.NotModified, await StatusOf(StandardSite.Css, ("If-Modified-Since", Later)));
    }

    [Fact]
    public async Task If_Modified_Since_before_Last_Modified_is_200() =>
        Assert.Equal(HttpStatusCode.OK, await StatusOf(StandardSite.Css, ("If-Modified-Since", Earlier)));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("Fri, 99 Nov 2026 08:30:15 GMT")]
    [InlineData("")]
    public async Task An_unparseable_If_Modified_Since_is_ignored(string date) =>
        Assert.Equal(HttpStatusCode.OK, await StatusOf(StandardSite.Css, ("If-Modified-Since", date)));

    [Fact]
    public async Task A_list_of_dates_in_If_Modified_Since_is_ignored() =>
        Assert.Equal(HttpStatusCode.OK, await StatusOf(StandardSite.Css, ("If-Modified-Since", $"{Later}, {Later}")));

    [Fact]
    public async Task A_matching_If_Match_is_200()
    {
        var etag = await ETagOf(StandardSite.Css);
        Assert.Equal(HttpStatusCode.OK, await StatusOf(StandardSite.Css, ("Accept-Encoding", "br"), ("If-Match", etag)));
    }

    [Fact]
    public async Task A_non_matching_If_Match_is_412() =>
        Assert.Equal(HttpStatusCode.PreconditionFailed, await StatusOf(StandardSite.Css, ("If-Match", "\"nope\"")));

    [Fact]
    public async Task If_Match_uses_the_strong_comparison_so_a_weak_tag_is_412()
    {
        var etag = await ETagOf(StandardSite.Css);
        Assert.Equal(HttpStatusCode.PreconditionFailed, await StatusOf(StandardSite.Css, ("Accept-Encoding", "br"), ("If-Match", "W/" + etag)));
    }

    [Fact]
    public async Task If_Match_star_is_200() => Assert.Equal(HttpStatusCode.OK, await StatusOf(StandardSite.Css, ("If-Match", "*")));

    [Fact]
    public async Task If_Unmodified_Since_before_Last_Modified_is_412() =>
        Assert.Equal(HttpStatusCode.PreconditionFailed, await StatusOf(StandardSite.Css, ("If-Unmodified-Since", Earlier)));

    [Fact]
    public async Task If_Unmodified_Since_at_Last_Modified_is_200() =>
        Assert.Equal(HttpStatusCode.OK, await StatusOf(StandardSite.Css, ("If-Unmodified-Since", LastModified)));

    [Fact]
    public async Task If_Unmodified_Since_is_ignored_when_If_Match_is_present() =>
        Assert.Equal(HttpStatusCode.OK, await StatusOf(StandardSite.Css, ("If-Match", "*"), ("If-Unmodified-Since", Earlier)));

    [Fact]
    public async Task Every_200_carries_Last_Modified_and_a_strong_ETag()
    {
        using var response = await Server.GetAsync(StandardSite.Big);
        Assert.Equal(TestRelease.Modified, response.Content.Headers.LastModified);
        Assert.False(response.Headers.ETag!.IsWeak);
    }
}
