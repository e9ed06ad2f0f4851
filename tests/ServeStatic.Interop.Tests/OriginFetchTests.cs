using System.Net;
using ServeStatic.Interop.Tests.Caches;
using ServeStatic.Interop.Tests.Origin;
using Xunit.Abstractions;

namespace ServeStatic.Interop.Tests;

/// <summary>
/// How many times a cache fetches a body from the origin when clients send the Accept-Encoding headers real browsers and
/// tools send (docs/caches.md, "Copies per URL"): 20 files, each asked for by 10 different Accept-Encoding headers. With the
/// configurations of docs/caches/, the origin is asked for each (file, chosen coding) at most once. The numbers are written to the test
/// output: <c>dotnet test tests/ServeStatic.Interop.Tests --filter OriginFetchTests --logger "console;verbosity=detailed"</c>.
/// </summary>
public class OriginFetchTests(OriginFetchTests.FourCaches caches, ITestOutputHelper output) : IClassFixture<OriginFetchTests.FourCaches>
{
    /// <summary>Accept-Encoding as sent by (null: no header at all).</summary>
    private static readonly string?[] Headers =
    [
        "gzip, deflate, br, zstd",            // Chrome and Edge since 123
        "gzip, deflate, br, zstd, dcb, dcz",  // Chrome with compression dictionary transport
        "gzip, deflate, br",                  // Firefox, Safari, .NET HttpClient
        "deflate, gzip, br, zstd",            // curl --compressed
        "gzip, deflate",                      // Python requests, Node fetch
        "gzip,deflate",                       // Apache HttpClient (Java)
        "gzip",                               // Go net/http
        "identity",                           // wget
        "br;q=1.0, gzip;q=0.8, *;q=0.1",      // proxies that rewrite the header
        null,                                 // curl, urllib, most crawlers
    ];

    /// <summary>The origin (default settings) with the configurations of docs/caches/ and the same caches as installed.</summary>
    public sealed class FourCaches : IAsyncLifetime
    {
        public const string VarnishPlain = "tests/ServeStatic.Interop.Tests/Caches/varnish-plain.vcl";
        public const string NginxPlain = "tests/ServeStatic.Interop.Tests/Caches/nginx-plain.conf";

        public Dictionary<string, Uri> Addresses { get; } = [];

        internal Dictionary<string, CacheProcess> Processes { get; } = [];

        internal SampleOrigin Origin { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Origin = await SampleOrigin.StartAsync();
            foreach (var config in (string[])[CachedOrigin.VarnishConfig, VarnishPlain])
                Processes[config] = await Varnish.StartAsync(config, Origin.Address);
            foreach (var config in (string[])[CachedOrigin.NginxConfig, NginxPlain])
                Processes[config] = await Nginx.StartAsync(config, Origin.Address);
        }

        public async Task DisposeAsync()
        {
            foreach (var process in Processes.Values)
                await process.DisposeAsync();
            await Origin.DisposeAsync();
        }
    }

    /// <summary>
    /// What reached the origin: <paramref name="Fetches"/> requests, asking for <paramref name="Keys"/> distinct (file, Accept-Encoding)
    /// pairs, at most <paramref name="MaxPerKey"/> times each, for <paramref name="Bodies"/> distinct (file, coding) bodies.
    /// </summary>
    private sealed record Count(int Requests, int Fetches, int Keys, int MaxPerKey, int Bodies, string Codings);

    [Theory]
    [InlineData(CachedOrigin.VarnishConfig)]
    [InlineData(CachedOrigin.NginxConfig)]
    public async Task With_the_documented_configuration_each_file_is_fetched_at_most_once_per_chosen_coding(string config)
    {
        var count = await MeasureAsync(config);

        Assert.Equal(1, count.MaxPerKey);
        Assert.Contains("br", count.Codings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nginx_keyed_on_the_raw_header_fetches_a_body_once_per_spelling()
    {
        var count = await MeasureAsync(FourCaches.NginxPlain);

        Assert.True(count.Fetches > count.Bodies, $"nginx without the rule fetched {count.Fetches} times for {count.Bodies} bodies");
    }

    [Fact]
    public async Task Varnish_as_installed_fetches_once_per_body_but_only_ever_asks_for_gzip()
    {
        var count = await MeasureAsync(FourCaches.VarnishPlain);

        Assert.Equal(count.Bodies, count.Fetches);
        Assert.DoesNotContain("br", count.Codings, StringComparison.Ordinal);
    }

    /// <summary>Sends every header for every file through <paramref name="config"/> and counts what reached the origin.</summary>
    private async Task<Count> MeasureAsync(string config)
    {
        var files = caches.Origin.Release.Index.Assets.Where(a => !a.Path.EndsWith("/index.html", StringComparison.Ordinal)).Select(a => a.Path).Order(StringComparer.Ordinal).Take(20).ToList();
        var marker = $"?measure={Path.GetFileNameWithoutExtension(config)}";
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false });
        var requests = 0;
        foreach (var header in Headers)
        {
            foreach (var file in files)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(caches.Processes[config].Address, file + marker));
                if (header is not null)
                    request.Headers.TryAddWithoutValidation("Accept-Encoding", header);
                using var response = await http.SendAsync(request);
                requests++;
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file} through {config}: {(int)response.StatusCode}");
                var coding = Decode.ContentEncoding(response);
                Assert.True(coding is null || (header ?? "").Contains(coding, StringComparison.Ordinal) || (header ?? "").Contains('*', StringComparison.Ordinal),
                    $"{file} through {config} with Accept-Encoding {header ?? "(none)"}: Content-Encoding {coding}");
                Assert.Equal(caches.Origin.Original(file), Decode.Body(coding, await response.Content.ReadAsByteArrayAsync()));
            }
        }
        var fetches = caches.Origin.Requests.All.Where(r => r.Target.EndsWith(marker, StringComparison.Ordinal)).ToList();
        var keys = fetches.GroupBy(r => (r.Target, r.AcceptEncoding)).ToList();
        var count = new Count(requests, fetches.Count, keys.Count, keys.Max(k => k.Count()), fetches.DistinctBy(r => (r.Target, r.ContentEncoding)).Count(),
            string.Join(", ", fetches.GroupBy(r => r.ContentEncoding ?? "identity").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
        output.WriteLine($"{config}: {files.Count} files x {Headers.Length} Accept-Encoding headers = {count.Requests} requests; "
            + $"{count.Fetches} origin fetches of {count.Keys} distinct (file, Accept-Encoding) pairs, at most {count.MaxPerKey} per pair, "
            + $"for {count.Bodies} distinct (file, coding) bodies; fetched codings: {count.Codings}");
        return count;
    }
}
