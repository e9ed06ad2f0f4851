using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using ServeStatic.Index;
using ServeStatic.Sources;

namespace ServeStatic.Serving;

/// <summary>
/// An immutable snapshot of one loaded release: a frozen dictionary from canonical URL path to <see cref="Asset"/>,
/// plus the directory redirects. Every lookup of a request goes through <see cref="TryFind"/>.
/// </summary>
internal sealed class AssetIndex
{
    private const string IndexDocument = "index.html";

    private readonly FrozenDictionary<string, Asset> _assets;
    private readonly FrozenDictionary<string, Asset>.AlternateLookup<ReadOnlySpan<char>> _assetLookup;
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _redirectLookup;
    private SmallBody[]? _smallBodies;

    private AssetIndex(string releaseId, int assetCount, IContentStore content, Dictionary<string, Asset> assets,
        Dictionary<string, string> redirects, Asset? spaFallback, Asset? notFoundPage, SmallBody[] smallBodies)
    {
        _smallBodies = smallBodies;
        ReleaseId = releaseId;
        AssetCount = assetCount;
        Content = content;
        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
        _assetLookup = _assets.GetAlternateLookup<ReadOnlySpan<char>>();
        _redirectLookup = redirects.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        SpaFallback = spaFallback;
        NotFoundPage = notFoundPage;
    }

    public string ReleaseId { get; }

    /// <summary>The number of assets in the release's index.</summary>
    public int AssetCount { get; }

    /// <summary>Where the bodies not held in memory are streamed from.</summary>
    public IContentStore Content { get; }

    /// <summary>Every servable path: each asset's, with <c>dir/index.html</c> answered at <c>dir/</c>.</summary>
    public IEnumerable<string> Paths => _assets.Keys;

    internal Asset? SpaFallback { get; }

    internal Asset? NotFoundPage { get; }

    /// <summary>The asset answered at a canonical path (<c>/docs/</c> answers <c>/docs/index.html</c>).</summary>
    public bool TryFind(ReadOnlySpan<char> path, [MaybeNullWhen(false)] out Asset asset) => _assetLookup.TryGetValue(path, out asset);

    /// <summary>
    /// A path that names a directory index another way: <c>/docs</c> and <c>/docs/index.html</c> both redirect to
    /// <c>/docs/</c>. The location is escaped, without a query.
    /// </summary>
    public bool TryFindRedirect(ReadOnlySpan<char> path, [MaybeNullWhen(false)] out string location) =>
        _redirectLookup.TryGetValue(path, out location);

    /// <summary>
    /// Builds the snapshot: computes every header, and chooses the small bodies to hold in memory within the byte budget.
    /// It reads no body: the snapshot serves at once, streaming every body, until <see cref="HoldSmallBodiesAsync"/> has read them.
    /// </summary>
    /// <exception cref="InvalidReleaseException">A configured page is missing.</exception>
    public static AssetIndex Load(LoadedRelease release, ServeStaticOptions options)
    {
        var budget = options.MemoryBudgetBytes ?? release.Content.DefaultMemoryBudgetBytes;
        var cors = new CorsPolicy(options);
        var headerRules = new HeaderRules(options.HeaderRules);
        var strings = new StringPool();
        var byRecordPath = new Dictionary<string, Asset>(StringComparer.Ordinal);
        // Smallest first, so the budget holds as many hot small files as it can.
        var inMemory = new Dictionary<string, SmallBody>(StringComparer.Ordinal);
        foreach (var variant in release.Index.Assets.SelectMany(a => a.Variants).Where(v => v.Size <= options.MaxInMemoryBodyBytes).OrderBy(v => v.Size))
        {
            if (variant.Size > budget)
                break;
            if (inMemory.TryAdd(variant.Key, new SmallBody(variant)))
                budget -= variant.Size;
        }
        foreach (var record in release.Index.Assets)
        {
            var representations = new Representation[record.Variants.Count];
            for (var i = 0; i < representations.Length; i++)
            {
                representations[i] = new Representation(record.Variants[i], record.Sha256);
                if (inMemory.TryGetValue(record.Variants[i].Key, out var small))
                    small.Representations.Add(representations[i]);
            }
            byRecordPath.Add(record.Path, new Asset(record, representations, options, headerRules, cors, strings));
        }

        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        var redirects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, asset) in byRecordPath)
        {
            if (path.EndsWith("/" + IndexDocument, StringComparison.Ordinal))
            {
                var directory = path[..^IndexDocument.Length];
                assets[directory] = asset;
                redirects[path] = EscapePath(directory);
                if (directory.Length > 1 && !byRecordPath.ContainsKey(directory[..^1]))
                    redirects[directory[..^1]] = EscapePath(directory);
            }
            else
            {
                assets.TryAdd(path, asset);
            }
        }

        return new AssetIndex(release.Id, release.Index.Assets.Count, release.Content, assets, redirects,
            Page(options.SpaFallback, nameof(options.SpaFallback)), Page(options.NotFoundPage, nameof(options.NotFoundPage)), [.. inMemory.Values]);

        Asset? Page(string? path, string setting) =>
            path is null ? null
            : byRecordPath.TryGetValue(path, out var page) ? page
            : throw new InvalidReleaseException(ReleaseLayout.IndexPath(release.Id), $"ServeStatic:{setting} names {path}, which the release does not have");
    }

    /// <summary>
    /// Reads the small bodies <see cref="Load"/> chose into memory, smallest first, while the snapshot already serves (work the
    /// first request does not need: it streams). A body the store cannot supply now is left to be streamed; one whose bytes
    /// do not match the index is refused (its representations answer 503, never other bytes under their ETag); the others are
    /// still held. Once per snapshot: a second call holds nothing.
    /// </summary>
    public async Task<HeldBodies> HoldSmallBodiesAsync(CancellationToken cancellationToken)
    {
        var held = new HeldBodies(0, 0, 0, null);
        foreach (var small in Interlocked.Exchange(ref _smallBodies, null) ?? [])
        {
            byte[] body;
            try
            {
                body = await Content.ReadAllAsync(small.Variant.Key, cancellationToken);
                Verify(small.Variant, body, ReleaseId);
            }
            catch (InvalidReleaseException e)
            {
                // Bytes that are not the ones the index names are never sent under its ETag: answered 503 from now on.
                foreach (var representation in small.Representations)
                    representation.Refuse();
                held = held with { Failed = held.Failed + 1, FirstFailure = held.FirstFailure ?? e };
                continue;
            }
            catch (Exception e) when (e is ContentUnavailableException or IOException)
            {
                held = held with { Failed = held.Failed + 1, FirstFailure = held.FirstFailure ?? e };
                continue;
            }
            foreach (var representation in small.Representations)
                representation.Hold(body);
            held = held with { Count = held.Count + 1, Bytes = held.Bytes + body.LongLength };
        }
        return held;
    }

    private static void Verify(VariantRecord variant, byte[] body, string releaseId)
    {
        if (body.LongLength != variant.Size || !Convert.ToHexStringLower(SHA256.HashData(body)).Equals(variant.Sha256, StringComparison.Ordinal))
        {
            throw new InvalidReleaseException(ReleaseLayout.ContentPath(variant.Key),
                $"the stored bytes ({body.LongLength} bytes) do not match the size and SHA-256 that release {releaseId} records ({variant.Size} bytes)");
        }
    }

    private static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>One stored body chosen to be held in memory, and the representations (of one or more assets) that send it.</summary>
    private sealed record SmallBody(VariantRecord Variant)
    {
        public List<Representation> Representations { get; } = [];
    }
}
