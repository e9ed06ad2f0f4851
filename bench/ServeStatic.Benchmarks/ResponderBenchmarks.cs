using System.Collections.Frozen;
using System.IO.Compression;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServeStatic.Build;
using ServeStatic.Index;
using ServeStatic.Serving;
using ServeStatic.Sources;

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
        var css = Text(1024);
        var js = Text(100 * 1024);
        var content = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var release = new LoadedRelease("bench", new ReleaseIndex(ReleaseIndex.CurrentSchemaVersion,
        [
            Record("/css/site.css", "text/css; charset=utf-8", css, content),
            Record("/js/app.js", "text/javascript; charset=utf-8", js, content),
        ]), new MemoryContentStore(content.ToFrozenDictionary(StringComparer.Ordinal)));
        var options = new ServeStaticOptions();
        options.Folder.Path = "/unused";
        var holder = new ReleaseHolder();
        var index = AssetIndex.Load(release, options);
        index.HoldSmallBodiesAsync(CancellationToken.None).GetAwaiter().GetResult();
        holder.Swap(index);
        _responder = new ServeStaticResponder(holder, loader: null, Options.Create(options), NullLogger<ServeStaticResponder>.Instance);

        _context = new DefaultHttpContext();
        _request = (HttpRequestFeature)_context.Features.Get<IHttpRequestFeature>()!;
        _context.Response.Body = Stream.Null;
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

    [Benchmark(Description = "miss, 404")]
    public int Miss() => Respond("/nothing/here.css", "br, gzip").StatusCode;

    private HttpResponse Respond(string path, string acceptEncoding, string? ifNoneMatch = null, string? range = null)
    {
        _request.Method = HttpMethods.Get;
        _request.RawTarget = path;
        _request.Path = path;
        var headers = _request.Headers;
        headers.AcceptEncoding = acceptEncoding;
        headers.IfNoneMatch = ifNoneMatch;
        headers.Range = range;
        var response = _context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.Clear();
        var task = _responder.RespondAsync(_context);
        if (!task.IsCompletedSuccessfully)
            task.GetAwaiter().GetResult();
        return response;
    }

    private static byte[] Text(int size)
    {
        var random = new Random(1);
        var text = new char[size];
        for (var i = 0; i < size; i++)
            text[i] = i % 40 == 39 ? '\n' : (char)('a' + random.Next(12));
        return System.Text.Encoding.ASCII.GetBytes(text);
    }

    private static AssetRecord Record(string path, string contentType, byte[] bytes, Dictionary<string, byte[]> content)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var brotli = Compress(bytes, s => new BrotliStream(s, CompressionLevel.SmallestSize));
        var gzip = Compress(bytes, s => new GZipStream(s, CompressionLevel.SmallestSize));
        content[sha] = bytes;
        content[sha + ".br"] = brotli;
        content[sha + ".gzip"] = gzip;
        return new AssetRecord(path, contentType, bytes.Length, sha, "sha256-", DateTimeOffset.UnixEpoch, false,
        [
            new VariantRecord(ContentEncoding.Identity, bytes.Length, sha, sha),
            new VariantRecord(ContentEncoding.Brotli, brotli.Length, sha + ".br", Convert.ToHexStringLower(SHA256.HashData(brotli))),
            new VariantRecord(ContentEncoding.Gzip, gzip.Length, sha + ".gzip", Convert.ToHexStringLower(SHA256.HashData(gzip))),
        ]);
    }

    private static byte[] Compress(byte[] bytes, Func<Stream, Stream> encoder)
    {
        using var output = new MemoryStream();
        using (var stream = encoder(output))
            stream.Write(bytes);
        return output.ToArray();
    }
}
