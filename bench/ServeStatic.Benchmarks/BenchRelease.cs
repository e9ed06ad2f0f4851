using System.Collections.Frozen;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServeStatic.Index;
using ServeStatic.Serving;
using ServeStatic.Sources;

namespace ServeStatic.Benchmarks;

/// <summary>
/// The release the responder benchmarks answer from (a 1 KB stylesheet, a 100 KB script and two 4 KB HTML pages, one with
/// preload links, with br and gzip, held in memory), a responder over it, and one reused request context.
/// </summary>
internal static class BenchRelease
{
    /// <summary>The script's previous version, which its dcz delta (with dictionary transport) names as its dictionary.</summary>
    public static string PreviousScriptDictionary { get; } = ":" + Convert.ToBase64String(SHA256.HashData(PreviousScript())) + ":";

    /// <param name="rules">The release's site rules, or null for none.</param>
    /// <param name="dictionaryTransport">Serve with <see cref="ServeStaticOptions.DictionaryTransport"/> on, the script carrying a dcz delta against <see cref="PreviousScript"/>.</param>
    public static ServeStaticResponder Responder(SiteRules? rules, bool dictionaryTransport = false)
    {
        var css = Text(1024);
        var js = Text(100 * 1024);
        var content = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var script = Record("/js/app.js", "text/javascript; charset=utf-8", js, content);
        if (dictionaryTransport)
            script = WithDelta(script, js, PreviousScript(), content);
        var release = new LoadedRelease("bench", new ReleaseIndex(ReleaseIndex.CurrentSchemaVersion,
        [
            Record("/css/site.css", "text/css; charset=utf-8", css, content),
            script,
            Record("/index.html", "text/html; charset=utf-8", Text(4 * 1024), content),
            Record("/preloading.html", "text/html; charset=utf-8", Text(4 * 1024), content) with { Preload = SampleSitePreload },
        ], rules), new MemoryContentStore(content.ToFrozenDictionary(StringComparer.Ordinal)));
        var options = new ServeStaticOptions { DictionaryTransport = dictionaryTransport };
        options.Folder.Path = "/unused";
        var holder = new ReleaseHolder();
        var index = AssetIndex.Load(release, options);
        index.HoldSmallBodiesAsync(CancellationToken.None).GetAwaiter().GetResult();
        holder.Swap(index);
        return new ServeStaticResponder(holder, loader: null, Options.Create(options), NullLogger<ServeStaticResponder>.Instance);
    }

    /// <summary>The shape of samples/site's preload links: 4 stylesheets, 5 modules, 1 font (a Link value of 701 bytes).</summary>
    private static readonly PreloadLink[] SampleSitePreload =
    [
        new("/css/app.a3d79f1c2b.css", PreloadKind.Style, Integrity: "sha256-o9efHCsUv7zMk88pRLWEzGbsu8YjGK0jkRi0bnKczH0="),
        new("/css/base.50e0ff4097.css", PreloadKind.Style),
        new("/css/components/buttons.ff7119e45e.css", PreloadKind.Style),
        new("/css/components/cards.40b41cbf36.css", PreloadKind.Style),
        new("/js/app.015400f58b.js", PreloadKind.Module, Integrity: "sha256-AVQA9YsxO/A2DT2pApNSXi7UECP8sIG6cYrs5/k1EKw="),
        new("/js/lib/dom.618572809a.js", PreloadKind.Module),
        new("/js/lib/format.37f902cbc8.js", PreloadKind.Module),
        new("/js/lib/trails.b42c572ffd.js", PreloadKind.Module),
        new("/js/lib/locale.9f13606324.js", PreloadKind.Module),
        new("/fonts/dejavu-sans-latin.05dec31aad.woff2", PreloadKind.Font, Type: "font/woff2"),
    ];

    /// <summary>A context whose request is set anew for each call of <see cref="Respond"/>, and whose body goes nowhere.</summary>
    public static (DefaultHttpContext Context, HttpRequestFeature Request) Context()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = Stream.Null;
        return (context, (HttpRequestFeature)context.Features.Get<IHttpRequestFeature>()!);
    }

    /// <summary>A GET of <paramref name="path"/> answered by <paramref name="responder"/> on the reused context.</summary>
    public static HttpResponse Respond(ServeStaticResponder responder, DefaultHttpContext context, HttpRequestFeature request,
        string path, string acceptEncoding, string? ifNoneMatch = null, string? range = null, string? availableDictionary = null)
    {
        request.Method = HttpMethods.Get;
        request.RawTarget = path;
        request.Path = path;
        var headers = request.Headers;
        headers.AcceptEncoding = acceptEncoding;
        headers.IfNoneMatch = ifNoneMatch;
        headers.Range = range;
        headers["Available-Dictionary"] = availableDictionary;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.Clear();
        var task = responder.RespondAsync(context);
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

    /// <summary>The script one release earlier: the same text with one line changed.</summary>
    private static byte[] PreviousScript()
    {
        var previous = Text(100 * 1024);
        "previous version"u8.CopyTo(previous.AsSpan(50 * 1024));
        return previous;
    }

    /// <summary><paramref name="asset"/> with a dcz variant against <paramref name="dictionary"/> (as a release build makes it).</summary>
    private static AssetRecord WithDelta(AssetRecord asset, byte[] bytes, byte[] dictionary, Dictionary<string, byte[]> content)
    {
        var dictionarySha = SHA256.HashData(dictionary);
        var delta = ServeStatic.Build.DeltaCompressor.Compress(bytes, dictionary, dictionarySha, bytes.Length)
            ?? throw new InvalidOperationException("the script's delta did not pay");
        var dictionaryHex = Convert.ToHexStringLower(dictionarySha);
        var key = VariantRecord.KeyOf(asset.Sha256, ContentEncoding.Dcz, dictionaryHex);
        content[key] = delta;
        return asset with { Variants = [.. asset.Variants, new VariantRecord(ContentEncoding.Dcz, delta.Length, key, Convert.ToHexStringLower(SHA256.HashData(delta)), dictionaryHex)] };
    }

    private static byte[] Compress(byte[] bytes, Func<Stream, Stream> encoder)
    {
        using var output = new MemoryStream();
        using (var stream = encoder(output))
            stream.Write(bytes);
        return output.ToArray();
    }
}
