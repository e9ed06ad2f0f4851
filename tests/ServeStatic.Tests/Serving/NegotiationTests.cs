using System.Net;

namespace ServeStatic.Tests.Serving;

/// <summary>Accept-Encoding (RFC 9110 §12.5.3) and Vary (§12.5.5).</summary>
public class NegotiationTests(StandardSite site) : IClassFixture<StandardSite>
{
    private ServerUnderTest Server => site.Server;

    private async Task<string?> EncodingFor(string acceptEncoding)
    {
        using var response = await Server.GetAsync(StandardSite.Css, ("Accept-Encoding", acceptEncoding));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Decode.ContentEncoding(response);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public async Task Each_encoded_body_decompresses_to_the_original(string encoding)
    {
        using var response = await Server.GetAsync(StandardSite.Css, ("Accept-Encoding", encoding));
        Assert.Equal(encoding, Decode.ContentEncoding(response));
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(StandardSite.CssBytes, Decode.Body(encoding, body));
    }

    [Fact]
    public async Task Without_Accept_Encoding_the_identity_body_is_sent()
    {
        using var response = await Server.GetAsync(StandardSite.Css);
        Assert.Null(Decode.ContentEncoding(response));
        Assert.Equal(StandardSite.CssBytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_empty_Accept_Encoding_gets_identity() => Assert.Null(await EncodingFor(""));

    [Fact]
    public async Task Q_zero_excludes_a_coding() => Assert.Equal("gzip", await EncodingFor("br;q=0, zstd;q=0, gzip"));

    [Fact]
    public async Task The_highest_q_value_wins_over_a_smaller_body() => Assert.Equal("gzip", await EncodingFor("br;q=0.5, gzip;q=1, zstd;q=0.4"));

    [Fact]
    public async Task A_tie_goes_to_the_smallest_representation()
    {
        var sizes = new Dictionary<string, long>();
        foreach (var encoding in new[] { "br", "gzip", "zstd" })
        {
            using var single = await Server.GetAsync(StandardSite.Css, ("Accept-Encoding", encoding));
            sizes[encoding] = single.Content.Headers.ContentLength!.Value;
        }
        Assert.Equal(sizes.MinBy(s => s.Value).Key, await EncodingFor("gzip, zstd, br"));
    }

    [Fact]
    public async Task A_star_accepts_codings_not_listed() => Assert.NotNull(await EncodingFor("*"));

    [Fact]
    public async Task A_listed_q_zero_overrides_the_star() => Assert.Equal("gzip", await EncodingFor("*;q=0.5, br;q=0, zstd;q=0, gzip;q=0.6"));

    [Fact]
    public async Task Identity_listed_with_a_higher_q_wins_over_compression() => Assert.Null(await EncodingFor("br;q=0.5, identity;q=1"));

    [Fact]
    public async Task Tokens_are_case_insensitive() => Assert.Equal("gzip", await EncodingFor("GZIP, BR;Q=0.1"));

    [Fact]
    public async Task X_gzip_is_gzip() => Assert.Equal("gzip", await EncodingFor("x-gzip"));

    [Theory]
    [InlineData("br;q=2")]
    [InlineData("br;q=0.5555")]
    [InlineData("br;q=")]
    [InlineData("br;level=5")]
    [InlineData("br;;q=1")]
    [InlineData("br gzip")]
    [InlineData("br;q=1.5")]
    [InlineData("\"br\"")]
    public async Task A_malformed_Accept_Encoding_is_treated_as_absent(string header) => Assert.Null(await EncodingFor(header));

    [Fact]
    public async Task When_nothing_is_acceptable_identity_is_sent_rather_than_an_error() => Assert.Null(await EncodingFor("identity;q=0, deflate"));

    [Fact]
    public async Task An_http_1_0_client_gets_a_compressed_response()
    {
        var response = await RawHttp.SendAsync(Server.Address, StandardSite.Css, version: "HTTP/1.0", headers: "Accept-Encoding: br");
        Assert.Equal(200, response.Status);
        Assert.Equal("br", response.Headers["Content-Encoding"]);
        Assert.Equal(StandardSite.CssBytes, Decode.Body("br", response.Body));
    }

    [Fact]
    public async Task An_identity_response_of_a_compressible_asset_carries_Vary()
    {
        using var response = await Server.GetAsync(StandardSite.Css);
        Assert.Equal(["Accept-Encoding"], response.Headers.Vary);
    }

    [Fact]
    public async Task A_compressed_response_carries_Vary()
    {
        using var response = await Server.GetAsync(StandardSite.Css, ("Accept-Encoding", "br"));
        Assert.Equal(["Accept-Encoding"], response.Headers.Vary);
    }

    [Fact]
    public async Task An_asset_with_one_representation_has_no_Vary()
    {
        using var response = await Server.GetAsync(StandardSite.Png, ("Accept-Encoding", "br"));
        Assert.Empty(response.Headers.Vary);
        Assert.Null(Decode.ContentEncoding(response));
    }

    [Fact]
    public async Task Each_representation_has_its_own_strong_etag()
    {
        var etags = new List<string>();
        foreach (var encoding in new[] { "identity", "br", "gzip", "zstd" })
        {
            using var response = await Server.GetAsync(StandardSite.Css, ("Accept-Encoding", encoding));
            Assert.False(response.Headers.ETag!.IsWeak);
            etags.Add(response.Headers.ETag.Tag);
        }
        Assert.Equal(4, etags.Distinct().Count());
    }
}
