using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ServeStatic.Serving;

namespace ServeStatic.Benchmarks;

/// <summary>
/// The responder with dictionary transport on (docs/dictionary-transport.md): the ordinary 200s it still answers most
/// (they now carry <c>Use-As-Dictionary</c>, and the script's a <c>Vary</c> naming <c>Available-Dictionary</c>), and a
/// delta hit (a client naming the script's previous version gets the dcz body). Same release and context as
/// <see cref="ResponderBenchmarks"/>, whose numbers are the option-off baseline.
/// </summary>
[MemoryDiagnoser]
public class DictionaryTransportBenchmarks
{
    private const string AcceptWithDelta = "gzip, deflate, br, zstd, dcz";

    private ServeStaticResponder _responder = null!;
    private DefaultHttpContext _context = null!;
    private HttpRequestFeature _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _responder = BenchRelease.Responder(rules: null, dictionaryTransport: true);
        (_context, _request) = BenchRelease.Context();
        if (Delta() != StatusCodes.Status200OK || _context.Response.Headers.ContentEncoding != "dcz")
            throw new InvalidOperationException("the delta hit does not get the dcz body");
    }

    [Benchmark(Baseline = true, Description = "on: 1 KB CSS, br, 200")]
    public int Css() => Respond("/css/site.css", "br, gzip").StatusCode;

    [Benchmark(Description = "on: 100 KB JS, br, 200")]
    public int Js() => Respond("/js/app.js", "br, gzip").StatusCode;

    [Benchmark(Description = "on: 100 KB JS, unknown dictionary, br, 200")]
    public int UnknownDictionary() => Respond("/js/app.js", AcceptWithDelta, ":AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:").StatusCode;

    [Benchmark(Description = "on: 100 KB JS, delta hit, dcz, 200")]
    public int Delta() => Respond("/js/app.js", AcceptWithDelta, BenchRelease.PreviousScriptDictionary).StatusCode;

    private HttpResponse Respond(string path, string acceptEncoding, string? availableDictionary = null) =>
        BenchRelease.Respond(_responder, _context, _request, path, acceptEncoding, availableDictionary: availableDictionary);
}
