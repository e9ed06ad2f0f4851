using ServeStatic.Interop.Tests.Caches;
using ServeStatic.Interop.Tests.Clients;
using ServeStatic.Interop.Tests.Origin;
using ServeStatic.Serving;

namespace ServeStatic.Interop.Tests;

/// <summary>
/// Conditional requests through a cache: a client's If-None-Match gets a 304 that keeps the headers a cross-origin page
/// needs, and a cache revalidates an expired copy with the origin (304) rather than fetching the body again.
/// </summary>
public class RevalidationTests(RevalidationTests.ShortLivedOrigin caches) : IClassFixture<RevalidationTests.ShortLivedOrigin>
{
    /// <summary>The sample origin with a one-second max-age for unfingerprinted names, so copies expire within a test.</summary>
    public sealed class ShortLivedOrigin : CachedOrigin
    {
        protected override void Configure(ServeStaticOptions options) => options.MaxAgeSeconds = 1;
    }

    public static TheoryData<Via> Vias() => [.. Enum.GetValues<Via>()];

    public static TheoryData<Via> Caches() => [Via.Varnish, Via.Nginx];

    [Theory]
    [MemberData(nameof(Vias))]
    public async Task A_client_revalidating_its_copy_gets_304_with_the_cors_and_nosniff_headers(Via via)
    {
        var url = caches.FreshUrl(via, "/trails.html");
        var first = await RealClients.GetAsync(Client.DotnetHttpClient, url);
        Assert.Equal(200, first.Status);

        var again = await RealClients.GetAsync(Client.DotnetHttpClient, url, ("If-None-Match", first.Header("ETag")!), ("Origin", "https://elsewhere.example"));

        Assert.Equal(304, again.Status);
        Assert.Empty(again.Body);
        Assert.Equal(first.Header("ETag"), again.Header("ETag"));
        Assert.Equal("*", again.Header("Access-Control-Allow-Origin"));
        Assert.Equal("nosniff", again.Header("X-Content-Type-Options"));
    }

    [Theory]
    [MemberData(nameof(Caches))]
    public async Task An_expired_copy_is_revalidated_with_the_origin_which_answers_304(Via via)
    {
        var url = caches.FreshUrl(via, "/about.html");
        var target = url.PathAndQuery;
        var first = await RealClients.GetAsync(Client.CurlCompressed, url);
        Assert.Equal(200, first.Status);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var later = await RealClients.GetAsync(Client.CurlCompressed, url);

        Assert.Equal(200, later.Status);
        Assert.Equal(first.Body, later.Body);
        // Varnish answers from the stale copy in its grace period and revalidates in the background: wait for that request.
        var revalidation = await Eventually.ValueAsync(
            () => Task.FromResult(caches.Origin.Requests.All.FirstOrDefault(r => r.Target == target && r.IfNoneMatch is not null)),
            seen => seen is not null, $"a conditional request for {target} reaches the origin");
        Assert.NotNull(revalidation);
        Assert.Equal(first.Header("ETag"), revalidation.IfNoneMatch);
        Assert.Equal(304, revalidation.Status);
    }
}
