using ServeStatic.Interop.Tests.Caches;
using ServeStatic.Interop.Tests.Clients;

namespace ServeStatic.Interop.Tests;

/// <summary>HEAD through a cache, before and after a GET filled it: the headers of the GET, no body (RFC 9110 §9.3.2).</summary>
public class HeadTests(CachedOrigin caches) : IClassFixture<CachedOrigin>
{
    public static TheoryData<Via, Client> Cases()
    {
        var data = new TheoryData<Via, Client>();
        foreach (var via in Enum.GetValues<Via>())
        {
            data.Add(via, Client.CurlCompressed);
            data.Add(via, Client.DotnetHttpClient);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Head_has_the_headers_of_the_get_and_no_body_whether_or_not_the_cache_holds_it(Via via, Client client)
    {
        var path = caches.Origin.Fingerprinted("/js/app.", ".js");
        var url = caches.FreshUrl(via, path);

        var cold = await RealClients.SendAsync(client, "HEAD", url);
        var get = await RealClients.GetAsync(client, url);
        var warm = await RealClients.SendAsync(client, "HEAD", url);

        Assert.True(get.Failure is null && get.Status == 200, $"{client} GET {url}: {get.Failure ?? get.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        foreach (var head in (ClientResponse[])[cold, warm])
        {
            Assert.True(head.Failure is null && head.Status == 200, $"{client} HEAD {url}: {head.Failure ?? head.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            Assert.Empty(head.Body);
            foreach (var name in (string[])["ETag", "Content-Type", "Content-Encoding", "Vary", "Cache-Control", "Access-Control-Allow-Origin", "X-Content-Type-Options"])
                Assert.Equal(get.Header(name), head.Header(name));
        }
    }
}
