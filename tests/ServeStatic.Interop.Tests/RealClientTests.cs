using ServeStatic.Interop.Tests.Caches;
using ServeStatic.Interop.Tests.Clients;

namespace ServeStatic.Interop.Tests;

/// <summary>
/// Real clients (curl with and without --compressed, Python requests and urllib, Node fetch, .NET HttpClient) one after
/// another on one URL, in one order and in the reverse order: each gets the file, decoded by itself from a coding it accepts, with
/// the headers the origin gives that representation.
/// </summary>
public class RealClientTests(CachedOrigin caches) : IClassFixture<CachedOrigin>
{
    public static TheoryData<Via, bool> Orders()
    {
        var data = new TheoryData<Via, bool>();
        foreach (var via in Enum.GetValues<Via>())
        {
            data.Add(via, false);
            data.Add(via, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Every_client_decodes_the_file_whoever_asked_first(Via via, bool reversed)
    {
        var path = caches.Origin.Fingerprinted("/css/app.", ".css");
        var url = caches.FreshUrl(via, path);
        var clients = reversed ? Enum.GetValues<Client>().Reverse() : Enum.GetValues<Client>();
        var representations = await caches.RepresentationsAsync(path, path);
        foreach (var client in clients)
        {
            var response = await RealClients.GetAsync(client, url);
            var what = $"{client} GET {url} (order {string.Join(", ", clients)})";
            Assert.True(response.Failure is null && response.Status == 200, $"{what}: {response.Failure ?? response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n{caches.Output(via)}");
            Assert.Equal(caches.Origin.Original(path), response.Body);
            Assert.True(representations.TryGetValue(response.Header("ETag") ?? "", out var coding), $"{what}: ETag {response.Header("ETag")} is none of the origin's");
            Assert.Contains(coding, ClientCodings.Decoded(client));
            // HttpClient removes Content-Encoding once it has decoded the body; the others show what was sent.
            if (client != Client.DotnetHttpClient)
                Assert.Equal(coding, response.Header("Content-Encoding"));
            Assert.Contains("Accept-Encoding", response.Header("Vary") ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.StartsWith("text/css", response.Header("Content-Type"), StringComparison.Ordinal);
            Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
            Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        }
    }
}
