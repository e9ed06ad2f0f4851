using System.Collections.Concurrent;
using System.Diagnostics;
using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>
/// Turns a site folder into a release. The stages, in order:
/// scan (<see cref="SiteScanner"/>) → [transform passes such as fingerprinting] → hash (<see cref="AssetContent.Hash"/>)
/// → find each page's preload links (<see cref="PreloadPass"/>)
/// → compress and store each distinct content once (<see cref="Precompressor"/>, <see cref="IReleaseWriter.WriteContent"/>)
/// → make deltas against the earlier versions the store holds (<see cref="DeltaBuilder"/>)
/// → write the index and make it current (<see cref="IReleaseWriter.Commit"/>).
/// Hashing and compressing run in parallel on all cores; the output does not depend on their order.
/// </summary>
internal static class ReleaseBuilder
{
    /// <summary>Builds into a release folder, adding a release to those already there and reusing their content.</summary>
    /// <exception cref="BuildException">Bad input or output; the message names the file or folder and the problem.</exception>
    /// <remarks>
    /// Builds into one folder may run at once (two CI jobs sharing it): from its first look at the stored content until its
    /// release is current, each holds the folder's <see cref="ReleaseFolderLock"/>, reported as <see cref="BuildStage.Waiting"/>
    /// while another holds it.
    /// </remarks>
    public static async Task<BuildResult> BuildToFolderAsync(BuildOptions options, string outputPath, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var site = Path.GetFullPath(options.SitePath);
        var output = Path.GetFullPath(outputPath);
        if (Directory.Exists(site) && RealPath.IsWithin(RealPath.Resolve(output), RealPath.Resolve(site)))
            throw new BuildException(output, $"the output folder is inside the site folder {site}; put it outside the site");
        using var writer = new FolderReleaseWriter(output, () => progress?.Report(new BuildProgress(BuildStage.Waiting, 0, 0, output)), cancellationToken);
        return await BuildAsync(options, writer, progress, cancellationToken);
    }

    /// <summary>Builds into <paramref name="writer"/>. <paramref name="progress"/> is called from several threads at once.</summary>
    /// <exception cref="BuildException">Bad input or output; the message names the file or folder and the problem.</exception>
    public static Task<BuildResult> BuildAsync(BuildOptions options, IReleaseWriter writer, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Build(options, writer, progress, cancellationToken), cancellationToken);

    private static BuildResult Build(BuildOptions options, IReleaseWriter writer, IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (options.ReleaseId is { } requestedId && !ReleaseLayout.IsSafeName(requestedId))
            throw new BuildException($"release id \"{requestedId}\"", "an id is lowercase letters, digits, dots and dashes, not starting with a dot, at most 200 characters");
        var excludes = Globs(options.Excludes, "exclude pattern");
        // Checked before the scan, so a bad one fails at once; fingerprinting parses them for itself.
        Globs(options.Fingerprint?.EntryPoints ?? [], "entry point pattern");

        progress?.Report(new BuildProgress(BuildStage.Scanning, 0, 0, null));
        var scan = SiteScanner.Scan(options.SitePath, excludes);
        var rulesFile = SiteRulesSource.Read(scan.Files);
        // The build's own media types override those a rules file brings (staticwebapp.config.json's mimeTypes).
        var mediaTypes = new MediaTypes(rulesFile is { MediaTypes.Count: > 0 }
            ? rulesFile.MediaTypes.Concat(options.ExtraMediaTypes).GroupBy(pair => pair.Key.ToLowerInvariant()).ToDictionary(group => group.Key, group => group.Last().Value)
            : options.ExtraMediaTypes);
        var assets = scan.Files
            .Where(file => !SiteRulesSource.IsRulesFile(file.UrlPath))
            .Select(file => new SiteAsset(file.UrlPath, mediaTypes.ContentTypeFor(file.UrlPath), file.LastModified, Immutable: false, AssetContent.FromFile(file.FullPath)))
            .ToList();
        progress?.Report(new BuildProgress(BuildStage.Scanning, assets.Count, assets.Count, null));

        var warnings = scan.Warnings;
        if (options.Fingerprint is { } fingerprint)
        {
            (assets, var fingerprintWarnings) = FingerprintPass.Apply(assets, fingerprint, mediaTypes, Path.GetFullPath(options.SitePath), progress, cancellationToken);
            warnings = [.. warnings, .. fingerprintWarnings];
        }

        // Before anything is written: a rule that cannot work fails the build with the live release untouched.
        var siteRules = SiteRulesCompiler.Compile(rulesFile, [.. assets.Select(asset => asset.UrlPath)]);

        var hashes = Hash(assets, progress, cancellationToken);
        var preload = options.PreloadHints ? PreloadPass.Apply(assets, hashes, cancellationToken) : new IReadOnlyList<PreloadLink>?[assets.Count];
        var store = Store(assets, hashes, writer, options, progress, cancellationToken);
        var deltas = DeltaBuilder.Build([.. assets.Select((asset, i) => (Asset: asset, Hash: hashes[i], Group: Group(asset, hashes[i], options)))
                .Where(item => item.Group.Compress)
                .Select(item => new DeltaBuilder.File(item.Asset.UrlPath, item.Asset.Immutable, item.Hash, item.Asset.Content, store.Variants[item.Group].Min(variant => variant.Size)))],
            options, writer, progress, cancellationToken);

        progress?.Report(new BuildProgress(BuildStage.Writing, 0, 1, null));
        var records = assets
            .Select((asset, i) => new AssetRecord(asset.UrlPath, asset.ContentType, hashes[i].Length, hashes[i].Sha256, hashes[i].Integrity,
                asset.LastModified, asset.Immutable, WithDeltas(store.Variants[Group(asset, hashes[i], options)], deltas.Deltas.GetValueOrDefault(asset.UrlPath)), preload[i]))
            .OrderBy(record => record.Path, StringComparer.Ordinal)
            .ToList();
        var index = new ReleaseIndex(ReleaseIndex.CurrentSchemaVersion, records, siteRules);
        IndexSerializer.Validate(index, "the index built from " + Path.GetFullPath(options.SitePath));
        var json = IndexSerializer.Serialize(index);
        var releaseId = options.ReleaseId ?? IndexSerializer.ComputeReleaseId(json);
        writer.Commit(index, json, releaseId);
        progress?.Report(new BuildProgress(BuildStage.Writing, 1, 1, null));
        return new BuildResult(releaseId, index, ReleaseTotals.Of(index), store.Written, store.Reused, clock.Elapsed)
        {
            Warnings = warnings,
            DeltasMade = deltas.Made,
            DeltasReused = deltas.Reused,
        };
    }

    /// <summary>The ordinary variants of a file, then its deltas (the order the index lists them in).</summary>
    private static IReadOnlyList<VariantRecord> WithDeltas(IReadOnlyList<VariantRecord> variants, IReadOnlyList<VariantRecord>? deltas) =>
        deltas is null ? variants : [.. variants, .. deltas];

    /// <exception cref="BuildException">A pattern is not a glob; the message names it.</exception>
    private static List<SitePathGlob> Globs(IEnumerable<string> patterns, string what) =>
        patterns.Select(pattern =>
        {
            try
            {
                return SitePathGlob.Parse(pattern);
            }
            catch (FormatException e)
            {
                throw new BuildException($"{what} \"{pattern}\"", e.Message, e);
            }
        }).ToList();

    private static ContentHash[] Hash(List<SiteAsset> assets, IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        var hashes = new ContentHash[assets.Count];
        var done = 0;
        progress?.Report(new BuildProgress(BuildStage.Hashing, 0, assets.Count, null));
        ParallelWork.ForEach(Enumerable.Range(0, assets.Count), cancellationToken, (i, stop) =>
        {
            hashes[i] = assets[i].Content.Hash(stop);
            progress?.Report(new BuildProgress(BuildStage.Hashing, Interlocked.Increment(ref done), assets.Count, assets[i].UrlPath));
        });
        return hashes;
    }

    /// <summary>One distinct content: its bytes, and whether this build compresses it (its type is compressible, the level is not None, and it is not over the size limit).</summary>
    private readonly record struct ContentGroup(string Sha256, bool Compress);

    private static ContentGroup Group(SiteAsset asset, ContentHash hash, BuildOptions options) =>
        new(hash.Sha256, options.Compression != PrecompressionLevel.None && MediaTypes.IsCompressible(asset.ContentType)
            && hash.Length <= (options.CompressUpToBytes ?? long.MaxValue));

    private sealed record StoreResult(IReadOnlyDictionary<ContentGroup, IReadOnlyList<VariantRecord>> Variants, int Written, int Reused);

    private static StoreResult Store(List<SiteAsset> assets, ContentHash[] hashes, IReleaseWriter writer, BuildOptions options,
        IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        var precompressor = new Precompressor(options.Compression);
        // Largest first, so the last file to finish is a small one and every core stays busy.
        var work = assets
            .Select((asset, i) => (Group: Group(asset, hashes[i], options), Hash: hashes[i], asset.Content, asset.UrlPath))
            .DistinctBy(item => item.Group)
            .OrderByDescending(item => item.Hash.Length).ThenBy(item => item.Group.Sha256, StringComparer.Ordinal).ThenBy(item => item.Group.Compress)
            .ToList();
        var variants = new ConcurrentDictionary<ContentGroup, IReadOnlyList<VariantRecord>>();
        int written = 0, reused = 0, done = 0;
        progress?.Report(new BuildProgress(BuildStage.Compressing, 0, work.Count, null));
        ParallelWork.ForEach(work, cancellationToken, (item, _) =>
        {
            var (group, hash, content, urlPath) = item;
            if (writer.TryGetStored(group.Sha256, out var stored) && (stored.CompressionTried || !group.Compress))
            {
                variants[group] = group.Compress ? stored.Variants : [stored.Variants[0]];
                Interlocked.Increment(ref reused);
            }
            else
            {
                variants[group] = StoreContent(content, hash, group.Compress, writer, precompressor);
                Interlocked.Increment(ref written);
            }
            progress?.Report(new BuildProgress(BuildStage.Compressing, Interlocked.Increment(ref done), work.Count, urlPath));
        });
        return new StoreResult(variants, written, reused);
    }

    private static List<VariantRecord> StoreContent(AssetContent content, ContentHash hash, bool compress, IReleaseWriter writer, Precompressor precompressor)
    {
        List<VariantRecord> variants = [new VariantRecord(ContentEncoding.Identity, hash.Length, hash.Sha256, hash.Sha256)];
        if (!compress)
        {
            writer.WriteOriginal(content, hash);
            return variants;
        }
        var bytes = content.ReadAll(hash);
        writer.WriteContent(hash.Sha256, bytes.Span);
        foreach (var encoding in precompressor.Encodings)
        {
            if (precompressor.Compress(bytes.Span, encoding) is not { } compressed)
                continue;
            var key = hash.Sha256 + encoding.KeySuffix();
            writer.WriteContent(key, compressed);
            variants.Add(new VariantRecord(encoding, compressed.Length, key, ContentHash.Of(compressed).Sha256));
        }
        return variants;
    }
}
