using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ServeStatic.Serving;

namespace ServeStatic.Benchmarks;

/// <summary>
/// The per-request work of the responder without a network: path canonicalisation, lookup, Accept-Encoding negotiation,
/// preconditions, range, header writing and the write of an in-memory body to a null stream. One reused
/// <see cref="DefaultHttpContext"/>, so what is allocated is the responder's (plus the context's own header storage).
/// </summary>
[MemoryDiagnoser]
public class ResponderBenchmarks
{
    private ServeStaticResponder _responder = null!;
    private DefaultHttpContext _context = null!;
    private HttpRequestFeature _request = null!;
    private string _cssETag = "";

    [GlobalSetup]
    public void Setup()
    {
        _responder = BenchRelease.Responder(rules: null);
        (_context, _request) = BenchRelease.Context();
        _cssETag = Respond("/css/site.css", "br, gzip").Headers.ETag.ToString();
    }

    [Benchmark(Baseline = true, Description = "1 KB CSS, br, 200")]
    public int Css() => Respond("/css/site.css", "br, gzip").StatusCode;

    [Benchmark(Description = "100 KB JS, br, 200")]
    public int Js() => Respond("/js/app.js", "br, gzip").StatusCode;

    [Benchmark(Description = "1 KB CSS, If-None-Match, 304")]
    public int NotModified() => Respond("/css/site.css", "br, gzip", ifNoneMatch: _cssETag).StatusCode;

    [Benchmark(Description = "100 KB JS, identity, Range, 206")]
    public int Range() => Respond("/js/app.js", "", range: "bytes=1000-1999").StatusCode;

    [Benchmark(Description = "4 KB HTML (/), br, 200")]
    public int Html() => Respond("/", "br, gzip").StatusCode;

    [Benchmark(Description = "4 KB HTML with 10 preload links, br, 200")]
    public int HtmlWithPreloadLinks() => Respond("/preloading.html", "br, gzip").StatusCode;

    [Benchmark(Description = "miss, 404")]
    public int Miss() => Respond("/nothing/here.css", "br, gzip").StatusCode;

    private HttpResponse Respond(string path, string acceptEncoding, string? ifNoneMatch = null, string? range = null) =>
        BenchRelease.Respond(_responder, _context, _request, path, acceptEncoding, ifNoneMatch, range);
}
