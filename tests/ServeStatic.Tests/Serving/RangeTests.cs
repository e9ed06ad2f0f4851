using System.Net;
using Microsoft.Net.Http.Headers;

namespace ServeStatic.Tests.Serving;

/// <summary>Range requests (RFC 9110 §14) and If-Range (§13.1.5).</summary>
public class RangeTests(StandardSite site) : IClassFixture<StandardSite>
{
    private static readonly long Size = StandardSite.BigBytes.Length;

    private ServerUnderTest Server => site.Server;

    [Theory]
    [InlineData("bytes=0-9", 0, 9)]
    [InlineData("bytes=100-", 100, 300 * 1024 - 1)]
    [InlineData("bytes=-500", 300 * 1024 - 500, 300 * 1024 - 1)]
    [InlineData("bytes=1000-99999999", 1000, 300 * 1024 - 1)]
    [InlineData("bytes=-99999999", 0, 300 * 1024 - 1)]
    [InlineData("BYTES=5-5", 5, 5)]
    [InlineData("bytes=0-99999999999999999999999", 0, 300 * 1024 - 1)]
    public async Task A_single_range_is_206_with_Content_Range_and_exactly_those_bytes(string range, long first, long last)
    {
        using var response = await Server.GetAsync(StandardSite.Big, ("Range", range));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {first}-{last}/{Size}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(last - first + 1, response.Content.Headers.ContentLength);
        Assert.Equal(StandardSite.BigBytes[(int)first..(int)(last + 1)], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_range_of_a_body_held_in_memory_is_served_too()
    {
        using var response = await Server.GetAsync(StandardSite.Png, ("Range", "bytes=10-19"));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(StandardSite.PngBytes[10..20], await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("zstd, br, gzip")]
    [InlineData("*")]
    public async Task A_range_is_of_the_identity_bytes_whatever_Accept_Encoding_offers(string acceptEncoding)
    {
        using var identity = await Server.GetAsync(StandardSite.Css);
        using var response = await Server.GetAsync(StandardSite.Css, ("Accept-Encoding", acceptEncoding), ("Range", "bytes=100-"));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Null(Decode.ContentEncoding(response));
        Assert.Equal(identity.Headers.ETag, response.Headers.ETag);
        Assert.Equal($"bytes 100-{StandardSite.CssBytes.Length - 1}/{StandardSite.CssBytes.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(StandardSite.CssBytes[100..], await response.Content.ReadAsByteArrayAsync());
        // The 206 is still one of several representations of the URL: caches must key it on Accept-Encoding.
        Assert.Equal("Accept-Encoding", Assert.Single(response.Headers.Vary));
    }

    [Fact]
    public async Task If_Range_with_the_identity_ETag_applies_the_range_for_a_client_that_accepts_compression()
    {
        using var identity = await Server.GetAsync(StandardSite.Css);
        using var response = await Server.GetAsync(StandardSite.Css, ("Accept-Encoding", "br"), ("Range", "bytes=0-9"),
            ("If-Range", identity.Headers.ETag!.ToString()));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(StandardSite.CssBytes[..10], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task If_Range_with_a_compressed_ETag_sends_the_whole_negotiated_representation()
    {
        using var brotli = await Server.GetAsync(StandardSite.Css, ("Accept-Encoding", "br"));
        using var response = await Server.GetAsync(StandardSite.Css, ("Accept-Encoding", "br"), ("Range", "bytes=0-9"),
            ("If-Range", brotli.Headers.ETag!.ToString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("br", Decode.ContentEncoding(response));
        Assert.Equal(brotli.Headers.ETag, response.Headers.ETag);
        Assert.Equal(await brotli.Content.ReadAsByteArrayAsync(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Several_ranges_send_the_whole_negotiated_representation()
    {
        using var response = await Server.GetAsync(StandardSite.Css, ("Accept-Encoding", "br"), ("Range", "bytes=0-1,5-6"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("br", Decode.ContentEncoding(response));
    }

    [Theory]
    [InlineData("bytes=307200-")]
    [InlineData("bytes=999999-1000000")]
    [InlineData("bytes=-0")]
    public async Task An_unsatisfiable_range_is_416_with_the_size(string range)
    {
        using var response = await Server.GetAsync(StandardSite.Big, ("Range", range));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{Size}", response.Content.Headers.ContentRange!.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("bytes=0-")]
    [InlineData("bytes=0-0")]
    [InlineData("bytes=-1")]
    [InlineData("bytes=5-")]
    public async Task Any_range_of_an_empty_file_is_ignored_and_answered_200(string range)
    {
        using var response = await Server.GetAsync(StandardSite.Empty, ("Range", range));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentRange);
        Assert.Equal(0, response.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("bytes=9-3")]
    [InlineData("bytes=abc")]
    [InlineData("bytes=1-2-3")]
    [InlineData("bytes=-")]
    [InlineData("bytes=")]
    [InlineData("items=0-1")]
    [InlineData("bytes 0-1")]
    [InlineData("bytes=0x10-20")]
    public async Task A_syntactically_invalid_range_is_ignored_with_200(string range)
    {
        using var response = await Server.GetAsync(StandardSite.Big, ("Range", range));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Size, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Many_overlapping_ranges_never_produce_a_body_larger_than_the_file()
    {
        var ranges = "bytes=" + string.Join(',', Enumerable.Repeat("0-", 200));
        using var response = await Server.GetAsync(StandardSite.Big, ("Range", ranges));
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length <= Size, $"{body.Length} bytes sent for a {Size}-byte file");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_200_says_Accept_Ranges_bytes()
    {
        using var response = await Server.GetAsync(StandardSite.Big);
        Assert.Equal(["bytes"], response.Headers.AcceptRanges);
    }

    [Fact]
    public async Task Range_is_ignored_on_head()
    {
        using var response = await Server.SendAsync(HttpMethod.Head, StandardSite.Big, ("Range", "bytes=0-9"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Size, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task If_Range_with_the_current_etag_gives_the_range()
    {
        using var plain = await Server.GetAsync(StandardSite.Big);
        using var response = await Server.GetAsync(StandardSite.Big, ("Range", "bytes=0-9"), ("If-Range", plain.Headers.ETag!.ToString()));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
    }

    [Fact]
    public async Task If_Range_with_another_etag_gives_the_whole_file()
    {
        using var response = await Server.GetAsync(StandardSite.Big, ("Range", "bytes=0-9"), ("If-Range", "\"old\""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Size, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task If_Range_with_a_weak_etag_gives_the_whole_file()
    {
        using var plain = await Server.GetAsync(StandardSite.Big);
        using var response = await Server.GetAsync(StandardSite.Big, ("Range", "bytes=0-9"), ("If-Range", "W/" + plain.Headers.ETag!));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task If_Range_with_the_exact_Last_Modified_gives_the_range()
    {
        using var response = await Server.GetAsync(StandardSite.Big, ("Range", "bytes=0-9"), ("If-Range", HeaderUtilities.FormatDate(TestRelease.Modified)));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
    }

    [Fact]
    public async Task If_Range_with_another_date_gives_the_whole_file()
    {
        using var response = await Server.GetAsync(StandardSite.Big, ("Range", "bytes=0-9"), ("If-Range", HeaderUtilities.FormatDate(TestRelease.Modified.AddSeconds(1))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_206_carries_the_validators_and_cache_headers_of_the_200()
    {
        using var response = await Server.GetAsync(StandardSite.Css, ("Accept-Encoding", "br"), ("Range", "bytes=0-0"));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Headers.CacheControl);
        Assert.Equal(["Accept-Encoding"], response.Headers.Vary);
        Assert.Equal("text/css; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }
}
