using System.Net;
using ServeStatic.Interop.Tests.Caches;

namespace ServeStatic.Interop.Tests;

/// <summary>
/// Whatever Accept-Encoding the first client sent, a cache in front of the origin hands every later client a body in a
/// coding that client accepts, which decodes to the file, with the ETag the origin gives that representation.
/// </summary>
public class EncodingOrderTests(CachedOrigin caches) : IClassFixture<CachedOrigin>, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false });

    public static TheoryData<Via, string> Orders()
    {
        var data = new TheoryData<Via, string>();
        foreach (var via in Enum.GetValues<Via>())
        {
            foreach (var first in Offers.All)
                data.Add(via, first ?? "none");
        }
        return data;
    }

    /// <summary>(URL, asset path) of a page, a stylesheet and a script with every coding, and an image with identity only.</summary>
    private IEnumerable<(string Url, string Path)> Assets() =>
    [
        ("/", "/index.html"),
        (caches.Origin.Fingerprinted("/css/app.", ".css"), caches.Origin.Fingerprinted("/css/app.", ".css")),
        (caches.Origin.Fingerprinted("/js/app.", ".js"), caches.Origin.Fingerprinted("/js/app.", ".js")),
        (caches.Origin.Fingerprinted("/img/pattern.", ".png"), caches.Origin.Fingerprinted("/img/pattern.", ".png")),
    ];

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Every_client_gets_a_coding_it_accepts_whoever_asked_first(Via via, string first)
    {
        var start = Array.IndexOf(Offers.All, first == "none" ? null : first);
        var order = Offers.All[start..].Concat(Offers.All[..start]).ToArray();
        foreach (var (url, path) in Assets())
        {
            var fresh = caches.FreshUrl(via, url);
            var original = caches.Origin.Original(path);
            var asset = caches.Origin.Asset(path);
            var representations = await caches.RepresentationsAsync(url, path);
            // Twice round: the first fills the cache, the second is answered from it.
            foreach (var offer in order.Concat(order))
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, fresh);
                if (offer is not null)
                    request.Headers.TryAddWithoutValidation("Accept-Encoding", offer);
                using var response = await _http.SendAsync(request);
                var what = $"{via} {fresh} with Accept-Encoding {offer ?? "(none)"} after {first} first";
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode}\n{caches.Output(via)}");
                var coding = Decode.ContentEncoding(response);
                Assert.True(Offers.Acceptable(offer).Contains(coding), $"{what}: got Content-Encoding {coding ?? "(none)"}");
                Assert.Equal(original, Decode.Body(coding, await response.Content.ReadAsByteArrayAsync()));
                Assert.True(representations.TryGetValue(response.Headers.ETag?.ToString() ?? "", out var tagged) && tagged == coding,
                    $"{what}: ETag {response.Headers.ETag} is not the origin's for Content-Encoding {coding ?? "(none)"}");
                if (asset.Variants.Count > 1)
                    Assert.Contains("Accept-Encoding", response.Headers.Vary);
                Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
                Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
