using System.Net;
using System.Text;
using ServeStatic.Build;
using ServeStatic.Fingerprinting;
using ServeStatic.Index;
using ServeStatic.Tests.Serving;

namespace ServeStatic.Tests.Fingerprinting;

/// <summary>
/// <c>samples/site</c> built with fingerprinting (strict, with SRI) into a real release folder, served by Kestrel on
/// 127.0.0.1, and crawled once: every page of the index, every reference each page, stylesheet, module and manifest
/// contains, recursively. Shared by the tests of a class.
/// </summary>
public sealed class FingerprintedSampleSite : IAsyncLifetime
{
    private readonly TempFolder _release = new();

    /// <summary>One fetched URL.</summary>
    public sealed record Fetched(string Path, HttpStatusCode Status, string? CacheControl, string? ContentType, string? Location, byte[] Body);

    /// <summary>One reference found in a fetched document, and the site path it resolves to.</summary>
    internal sealed record Found(string Document, string Url, ReferenceRole Role, string Path);

    internal ServerUnderTest Server { get; private set; } = null!;

    internal ReleaseIndex Index { get; private set; } = null!;

    public Dictionary<string, Fetched> Responses { get; } = new(StringComparer.Ordinal);

    internal List<Found> References { get; } = [];

    public async Task InitializeAsync()
    {
        var result = await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(Repository.SampleSite)
        {
            Fingerprint = new FingerprintOptions { Strict = true, SubresourceIntegrity = true },
            Compression = PrecompressionLevel.Fast,
        }, _release.Path);
        Index = result.Index;
        Server = await ServerUnderTest.StartAsync(_release.Path);
        var pending = new Queue<string>(Index.Assets.Where(a => a.ContentType.StartsWith("text/html", StringComparison.Ordinal)).Select(a => PageUrl(a.Path)));
        while (pending.TryDequeue(out var path))
        {
            if (Responses.ContainsKey(path))
                continue;
            var fetched = await FetchAsync(path);
            Responses[path] = fetched;
            if (fetched.Location is { } location)
                pending.Enqueue(location);
            if (fetched.Status != HttpStatusCode.OK)
                continue;
            foreach (var found in ReferencesIn(fetched))
            {
                References.Add(found);
                pending.Enqueue(found.Path);
            }
        }
    }

    public async Task<Fetched> FetchAsync(string path)
    {
        using var response = await Server.GetAsync(string.Join('/', path.Split('/').Select(Uri.EscapeDataString)));
        return new Fetched(path, response.StatusCode, response.Headers.CacheControl?.ToString(), response.Content.Headers.ContentType?.MediaType,
            response.Headers.Location?.OriginalString, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The URL a page is linked by: <c>/docs/index.html</c> is <c>/docs/</c> (the responder redirects the former to the latter).</summary>
    public static string PageUrl(string path) => path.EndsWith("/index.html", StringComparison.Ordinal) ? path[..^"index.html".Length] : path;

    /// <summary>The same-site references of a fetched page, stylesheet, module, source map or web manifest.</summary>
    internal static IEnumerable<Found> ReferencesIn(Fetched document)
    {
        var text = Latin1Text.FromBytes(document.Body);
        var references = document.ContentType switch
        {
            "text/html" => HtmlReferenceScanner.Scan(text),
            "text/css" => CssReferenceScanner.Scan(text),
            "text/javascript" => JsReferenceScanner.Scan(text),
            "application/manifest+json" => WebManifestScanner.Scan(document.Body),
            "application/json" when document.Path.EndsWith(".map", StringComparison.Ordinal) => SourceMapScanner.Scan(document.Body),
            _ => [],
        };
        foreach (var reference in references)
        {
            var (outcome, path) = ReferenceResolver.Resolve(reference.Url, ReferenceResolver.DirectoryOf(document.Path), reference.Role);
            if (outcome == ReferenceResolver.Outcome.Resolved)
                yield return new Found(document.Path, reference.Url, reference.Role, path);
        }
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _release.Dispose();
    }
}
