using ServeStatic.Interop.Tests.Origin;
using ServeStatic.Index;
using ServeStatic.Serving;

namespace ServeStatic.Interop.Tests.Caches;

/// <summary>
/// The sample origin with a real Varnish and a real nginx in front of it, each started from the configuration users copy
/// (docs/caches/varnish.vcl, docs/caches/nginx.conf). Shared by the tests of a class; each test uses its own URLs (a query
/// string the origin ignores) so what one test leaves in a cache does not answer another.
/// </summary>
public class CachedOrigin : IAsyncLifetime
{
    public const string VarnishConfig = "docs/caches/varnish.vcl";
    public const string NginxConfig = "docs/caches/nginx.conf";

    private CacheProcess? _varnish;
    private CacheProcess? _nginx;
    private int _nextUrl;

    internal SampleOrigin Origin { get; private set; } = null!;

    /// <summary>The origin's settings for this fixture.</summary>
    protected virtual void Configure(ServeStaticOptions options) { }

    public async Task InitializeAsync()
    {
        Origin = await SampleOrigin.StartAsync(Configure);
        _varnish = await Varnish.StartAsync(VarnishConfig, Origin.Address);
        _nginx = await Nginx.StartAsync(NginxConfig, Origin.Address);
    }

    /// <summary>The base address a client uses to reach the origin through <paramref name="via"/>.</summary>
    public Uri Address(Via via) => via switch
    {
        Via.Origin => Origin.Address,
        Via.Varnish => _varnish!.Address,
        Via.Nginx => _nginx!.Address,
        _ => throw new ArgumentOutOfRangeException(nameof(via)),
    };

    /// <summary>A URL for <paramref name="path"/> through <paramref name="via"/> that no earlier request used: no cache holds it yet.</summary>
    public Uri FreshUrl(Via via, string path) => new(Address(via), $"{path}?fresh={Interlocked.Increment(ref _nextUrl)}");

    /// <summary>The origin's own ETag of each representation of the asset at <paramref name="path"/>, requested as <paramref name="url"/>, and its Content-Encoding (null: identity).</summary>
    public async Task<Dictionary<string, string?>> RepresentationsAsync(string url, string path)
    {
        var representations = new Dictionary<string, string?>();
        foreach (var variant in Origin.Asset(path).Variants)
        {
            var coding = variant.Encoding == ContentEncoding.Identity ? null : variant.Encoding.Token();
            using var response = await Origin.Server.GetAsync(url, coding is null ? [] : [("Accept-Encoding", coding)]);
            Assert.Equal(coding, response.Content.Headers.ContentEncoding.SingleOrDefault());
            representations.Add(response.Headers.ETag!.ToString(), coding);
        }
        return representations;
    }

    /// <summary>What a cache printed, for a failure message.</summary>
    public string Output(Via via) => via switch
    {
        Via.Varnish => _varnish!.Output,
        Via.Nginx => _nginx!.Output,
        _ => "",
    };

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
            await _nginx.DisposeAsync();
        if (_varnish is not null)
            await _varnish.DisposeAsync();
        await Origin.DisposeAsync();
    }
}
