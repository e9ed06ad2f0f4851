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
    private readonly FrozenDictionary<string, Asset> _assets;
    private readonly FrozenDictionary<string, Asset>.AlternateLookup<ReadOnlySpan<char>> _assetLookup;
    private readonly FrozenDictionary<string, SiteRedirect>.AlternateLookup<ReadOnlySpan<char>> _redirectLookup;
    private readonly FrozenDictionary<string, Asset>.AlternateLookup<ReadOnlySpan<char>> _notFoundPageLookup;
    private readonly bool _hasNotFoundPages;
    private readonly SitePathGlob[] _spaExclude;
    private SmallBody[]? _smallBodies;

    private AssetIndex(string releaseId, int assetCount, IContentStore content, Dictionary<string, Asset> assets,
        Dictionary<string, SiteRedirect> redirects, PatternRule[] patterns, Asset? spaFallback, SitePathGlob[] spaExclude,
        Dictionary<string, Asset> notFoundPages, SmallBody[] smallBodies)
    {
        _smallBodies = smallBodies;
        ReleaseId = releaseId;
        AssetCount = assetCount;
        Content = content;
        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
        _assetLookup = _assets.GetAlternateLookup<ReadOnlySpan<char>>();
        _redirectLookup = redirects.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        Patterns = patterns;
        SpaFallback = spaFallback;
        _spaExclude = spaExclude;
        _notFoundPageLookup = notFoundPages.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _hasNotFoundPages = notFoundPages.Count > 0;
    }

    public string ReleaseId { get; }

    /// <summary>The number of assets in the release's index.</summary>
    public int AssetCount { get; }

    /// <summary>Where the bodies not held in memory are streamed from.</summary>
    public IContentStore Content { get; }

    /// <summary>Every servable path: each asset's, with <c>dir/index.html</c> answered at <c>dir/</c>.</summary>
    public IEnumerable<string> Paths => _assets.Keys;

    internal Asset? SpaFallback { get; }

    /// <summary>The redirects and rewrites with placeholders or a splat, in the order they are tried after every exact lookup.</summary>
    internal PatternRule[] Patterns { get; }

    /// <summary>The Locations <see cref="Patterns"/> expanded, held for paths asked for again.</summary>
    internal PatternLocations PatternLocations { get; } = new();

    /// <summary>Whether the SPA fallback answers <paramref name="path"/>: a miss whose last segment has no extension and that no exclusion matches.</summary>
    internal bool FallsBackToSpa(ReadOnlySpan<char> path)
    {
        if (SpaFallback is null || path[(path.LastIndexOf('/') + 1)..].Contains('.'))
            return false;
        foreach (var glob in _spaExclude)
        {
            if (glob.Matches(path))
                return false;
        }
        return true;
    }

    /// <summary>The 404 page of the nearest folder holding <paramref name="path"/> that has one (<c>/docs/404.html</c>, then <c>/404.html</c>).</summary>
    internal bool TryFindNotFoundPage(ReadOnlySpan<char> path, [MaybeNullWhen(false)] out Asset page)
    {
        page = null;
        if (!_hasNotFoundPages)
            return false;
        for (var folder = path[..(path.LastIndexOf('/') + 1)]; folder.Length > 0; folder = folder[..(folder[..^1].LastIndexOf('/') + 1)])
        {
            if (_notFoundPageLookup.TryGetValue(folder, out page))
                return true;
        }
        return false;
    }

    /// <summary>The asset answered at a canonical path (<c>/docs/</c> answers <c>/docs/index.html</c>).</summary>
    public bool TryFind(ReadOnlySpan<char> path, [MaybeNullWhen(false)] out Asset asset) => _assetLookup.TryGetValue(path, out asset);

    /// <summary>
    /// An exact redirect: a path that names a page another way (<c>/docs</c> and <c>/docs/index.html</c> both redirect to
    /// <c>/docs/</c>), or an exact rule of the release's.
    /// </summary>
    public bool TryFindRedirect(ReadOnlySpan<char> path, [MaybeNullWhen(false)] out SiteRedirect redirect) =>
        _redirectLookup.TryGetValue(path, out redirect);

    /// <summary>
    /// Builds the snapshot: computes every header, and chooses the small bodies to hold in memory within the byte budget.
    /// It reads no body: the snapshot serves at once, streaming every body, until <see cref="HoldSmallBodiesAsync"/> has read them.
    /// </summary>
    /// <exception cref="InvalidReleaseException">A configured page is missing, or the release's content is not as its index
    /// records (<see cref="LoadedRelease.ContentChecked"/>, waited for here: the snapshot is built while the source checks).</exception>
    public static AssetIndex Load(LoadedRelease release, ServeStaticOptions options)
    {
        try
        {
            return Build(release, options);
        }
        finally
        {
            // Never returns before the check has found the content good, and a fault of the content is the error (as when the
            // source checked first), whatever the build ran into meanwhile.
            release.ContentChecked.GetAwaiter().GetResult();
        }
    }

    private static AssetIndex Build(LoadedRelease release, ServeStaticOptions options)
    {
        var budget = options.MemoryBudgetBytes ?? release.Content.DefaultMemoryBudgetBytes;
        var cors = new CorsPolicy(options);
        // The release's header rules first, then the application's: a later rule for the same header wins.
        var headerRules = new HeaderRules([.. (release.Index.Rules?.Headers ?? [])
            .Select(rule => new HeaderRule { Glob = rule.Glob, Name = rule.Name, Value = rule.Value }), .. options.HeaderRules]);
        var strings = new StringPool();
        var byRecordPath = new Dictionary<string, Asset>(release.Index.Assets.Count, StringComparer.Ordinal);
        // Deltas are served only with dictionary transport on (docs/dictionary-transport.md); off, the release is served as if it had none.
        IReadOnlyList<VariantRecord> Served(AssetRecord record) =>
            options.DictionaryTransport || !record.Variants.Any(v => v.Encoding.IsDelta()) ? record.Variants : [.. record.Variants.Where(v => !v.Encoding.IsDelta())];
        var dictionaryMatches = options.DictionaryTransport ? DictionaryMatch.ForRelease(release.Index) : null;
        // Smallest first, so the budget holds as many hot small files as it can. Only those that fit the whole budget can be
        // chosen, so only they are sorted.
        var candidates = new List<VariantRecord>();
        foreach (var record in release.Index.Assets)
        {
            foreach (var variant in Served(record))
            {
                if (variant.Size <= options.MaxInMemoryBodyBytes && variant.Size <= budget)
                    candidates.Add(variant);
            }
        }
        var inMemory = new Dictionary<string, SmallBody>(StringComparer.Ordinal);
        foreach (var variant in candidates.OrderBy(v => v.Size))
        {
            if (variant.Size > budget)
                break;
            if (inMemory.TryAdd(variant.Key, new SmallBody(variant)))
                budget -= variant.Size;
        }
        foreach (var record in release.Index.Assets)
        {
            var variants = Served(record);
            var representations = new Representation[variants.Count];
            for (var i = 0; i < representations.Length; i++)
            {
                representations[i] = new Representation(variants[i], record.Sha256);
                if (inMemory.TryGetValue(variants[i].Key, out var small))
                    small.Representations.Add(representations[i]);
            }
            byRecordPath.Add(record.Path, new Asset(record, representations, options, headerRules, cors, strings, dictionaryMatches?.GetValueOrDefault(record.Path)));
        }

        var rules = release.Index.Rules ?? SiteRules.None;
        var routes = SiteRoutes.Of(byRecordPath.Keys, rules.TrailingSlash, rules.CleanUrls);
        var assets = routes.Pages.ToDictionary(route => route.Key, route => byRecordPath[route.Value], StringComparer.Ordinal);
        var redirects = routes.Redirects.ToDictionary(redirect => redirect.Key, redirect => SiteRedirect.Folder(SitePaths.Escape(redirect.Value)), StringComparer.Ordinal);
        var patterns = new List<PatternRule>();
        var records = rules.Rewrites.Count == 0 ? null : release.Index.Assets.ToDictionary(record => record.Path, StringComparer.Ordinal);
        foreach (var rule in rules.Redirects)
        {
            RoutePattern.TryParse(rule.From, out var from, out _);
            if (from!.IsExact)
                redirects[rule.From] = SiteRedirect.Exact(rule);
            else
                patterns.Add(new PatternRule(from, SiteRedirect.Pattern(rule, from), null));
        }
        foreach (var rule in rules.Rewrites)
        {
            RoutePattern.TryParse(rule.From, out var from, out _);
            var target = byRecordPath[rule.To];
            // This URL's headers and cache policy, the target's bytes: never immutable, whatever the target's name.
            var rewritten = new Asset(records![rule.To] with { Path = from!.IsExact ? rule.From : rule.To, Immutable = false },
                target.Representations, options, headerRules, cors, strings);
            if (from.IsExact)
                assets.TryAdd(rule.From, rewritten);
            else
                patterns.Add(new PatternRule(from, null, rewritten));
        }

        // Application settings override the release's (docs/site-rules.md): the fallback and the 404 page wholesale.
        var spaFallback = options.SpaFallback is { } spaSetting ? Page(spaSetting, nameof(options.SpaFallback))
            : rules.SpaFallback is { } spaRule ? byRecordPath[spaRule.Path] : null;
        SitePathGlob[] spaExclude = options.SpaFallback is null && rules.SpaFallback is { } withExclude ? [.. withExclude.Exclude.Select(SitePathGlob.Parse)] : [];
        var notFoundPages = options.NotFoundPage is { } notFoundSetting
            ? new Dictionary<string, Asset>(StringComparer.Ordinal) { ["/"] = Page(notFoundSetting, nameof(options.NotFoundPage)) }
            : rules.NotFoundPages.ToDictionary(rule => rule.Folder, rule => byRecordPath[rule.Page], StringComparer.Ordinal);

        return new AssetIndex(release.Id, release.Index.Assets.Count, release.Content, assets, redirects, [.. patterns],
            spaFallback, spaExclude, notFoundPages, [.. inMemory.Values]);

        Asset Page(string path, string setting) =>
            byRecordPath.TryGetValue(path, out var page) ? page
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

    /// <summary>A redirect (<paramref name="Redirect"/>) or rewrite (<paramref name="Rewrite"/>) whose <c>from</c> has placeholders or a splat.</summary>
    internal sealed record PatternRule(RoutePattern From, SiteRedirect? Redirect, Asset? Rewrite);

    /// <summary>One stored body chosen to be held in memory, and the representations (of one or more assets) that send it.</summary>
    private sealed record SmallBody(VariantRecord Variant)
    {
        public List<Representation> Representations { get; } = [];
    }
}
