using ServeStatic.Interop.Tests.Caches;
using ServeStatic.Interop.Tests.Clients;

namespace ServeStatic.Interop.Tests;

/// <summary>A CORS preflight passes through each cache to the origin and is answered 204 with what a static client may send.</summary>
public class PreflightTests(CachedOrigin caches) : IClassFixture<CachedOrigin>
{
    public static TheoryData<Via> Vias() => [.. Enum.GetValues<Via>()];

    [Theory]
    [MemberData(nameof(Vias))]
    public async Task A_preflight_for_a_ranged_get_is_allowed(Via via)
    {
        var url = caches.FreshUrl(via, caches.Origin.Fingerprinted("/fonts/dejavu-sans-latin.", ".woff2"));

        var preflight = await RealClients.SendAsync(Client.CurlCompressed, "OPTIONS", url,
            ("Origin", "https://elsewhere.example"), ("Access-Control-Request-Method", "GET"), ("Access-Control-Request-Headers", "range"));

        Assert.True(preflight.Failure is null && preflight.Status == 204, $"OPTIONS {url}: {preflight.Failure ?? preflight.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n{caches.Output(via)}");
        Assert.Equal("*", preflight.Header("Access-Control-Allow-Origin"));
        Assert.Equal("GET, HEAD", preflight.Header("Access-Control-Allow-Methods"));
        Assert.Contains("Range", preflight.Header("Access-Control-Allow-Headers") ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(preflight.Header("Access-Control-Max-Age"));
    }
}
