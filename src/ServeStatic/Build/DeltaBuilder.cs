using System.Collections.Concurrent;
using ServeStatic.Fingerprinting;
using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>
/// The delta stage of a build (docs/dictionary-transport.md): for each compressible file, the earlier versions the store's
/// last releases hold — at the same URL path or, for a fingerprinted name, at the same unhashed name — and a dcz delta
/// against each that differs, kept when it pays (<see cref="Precompressor.KeepLimit"/> of the file's smallest variant).
/// A delta is content-addressed by the file and its dictionary, so one the store already holds is reused as it is.
/// </summary>
internal static class DeltaBuilder
{
    /// <summary>A file of this build.</summary>
    /// <param name="UrlPath">Its URL path.</param>
    /// <param name="Immutable">Whether the path is a fingerprinted name.</param>
    /// <param name="Hash">Its identity hash.</param>
    /// <param name="Content">Its bytes.</param>
    /// <param name="SmallestSize">The size of its smallest ordinary representation: a delta must beat that.</param>
    public readonly record struct File(string UrlPath, bool Immutable, ContentHash Hash, AssetContent Content, long SmallestSize);

    /// <param name="Deltas">The deltas of each URL path, by path (paths without any are absent).</param>
    /// <param name="Made">Deltas this build compressed.</param>
    /// <param name="Reused">Deltas an earlier build had already stored.</param>
    public sealed record Result(IReadOnlyDictionary<string, IReadOnlyList<VariantRecord>> Deltas, int Made, int Reused);

    private static readonly Result None = new(new Dictionary<string, IReadOnlyList<VariantRecord>>(), 0, 0);

    /// <summary>One file–dictionary pair to make (or reuse) a delta for.</summary>
    private sealed record Pair(File File, VariantRecord Dictionary)
    {
        public string Key => VariantRecord.KeyOf(File.Hash.Sha256, ContentEncoding.Dcz, Dictionary.Sha256);
    }

    /// <param name="files">The compressible files of this build.</param>
    public static Result Build(IReadOnlyList<File> files, BuildOptions options, IReleaseWriter writer, IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        if (options.DictionaryReleases <= 0 || options.Compression != PrecompressionLevel.Best || files.Count == 0)
            return None;
        var previous = writer.PreviousReleases(options.DictionaryReleases);
        if (previous.Count == 0)
            return None;
        var versions = EarlierVersions(previous);
        var stored = previous.SelectMany(index => index.Assets).SelectMany(asset => asset.Variants)
            .Where(variant => variant.Encoding.IsDelta()).DistinctBy(variant => variant.Key).ToDictionary(variant => variant.Key, StringComparer.Ordinal);

        var pairs = new List<Pair>();
        foreach (var file in files)
        {
            if (!versions.TryGetValue(Lineage(file.UrlPath, file.Immutable), out var earlier))
                continue;
            pairs.AddRange(earlier.Where(version => version.Sha256 != file.Hash.Sha256 && DeltaCompressor.Fits(version.Size, file.Hash.Length))
                .Select(version => new Pair(file, version)));
        }
        // One delta per content and dictionary, largest first so every core stays busy to the end.
        var work = pairs.DistinctBy(pair => pair.Key).OrderByDescending(pair => pair.File.Hash.Length + pair.Dictionary.Size).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        var made = new ConcurrentDictionary<string, VariantRecord>(StringComparer.Ordinal);
        int written = 0, reused = 0, done = 0;
        progress?.Report(new BuildProgress(BuildStage.Deltas, 0, work.Count, null));
        ParallelWork.ForEach(work, cancellationToken, (pair, _) =>
        {
            if (stored.TryGetValue(pair.Key, out var known) && writer.ReadStored(known) is not null)
            {
                made[pair.Key] = known;
                Interlocked.Increment(ref reused);
            }
            else if (Make(pair, writer) is { } delta)
            {
                made[pair.Key] = delta;
                Interlocked.Increment(ref written);
            }
            progress?.Report(new BuildProgress(BuildStage.Deltas, Interlocked.Increment(ref done), work.Count, pair.File.UrlPath));
        });

        var deltas = pairs.GroupBy(pair => pair.File.UrlPath, StringComparer.Ordinal)
            .Select(group => (Path: group.Key, Deltas: group.Select(pair => made.GetValueOrDefault(pair.Key)).OfType<VariantRecord>().DistinctBy(delta => delta.Key).ToList()))
            .Where(entry => entry.Deltas.Count > 0)
            .ToDictionary(entry => entry.Path, IReadOnlyList<VariantRecord> (entry) => entry.Deltas, StringComparer.Ordinal);
        return new Result(deltas, written, reused);
    }

    /// <summary>
    /// The name a file keeps from version to version: its URL path, or for a fingerprinted name the name it was made from
    /// (<c>/js/app.3f2a9c1b7d.js</c> → <c>/js/app.js</c>), so the next release's hashed name finds this one's.
    /// </summary>
    public static string Lineage(string urlPath, bool immutable) =>
        immutable && FingerprintName.Unhashed(urlPath) is { } unhashed ? unhashed : urlPath;

    /// <summary>The identity variants of the compressible files of <paramref name="previous"/> (newest first), by lineage, each content once.</summary>
    private static Dictionary<string, List<VariantRecord>> EarlierVersions(IReadOnlyList<ReleaseIndex> previous)
    {
        var versions = new Dictionary<string, List<VariantRecord>>(StringComparer.Ordinal);
        foreach (var asset in previous.SelectMany(index => index.Assets).Where(asset => MediaTypes.IsCompressible(asset.ContentType)))
        {
            var lineage = Lineage(asset.Path, asset.Immutable);
            if (!versions.TryGetValue(lineage, out var list))
                versions[lineage] = list = [];
            if (!list.Exists(version => version.Sha256 == asset.Sha256))
                list.Add(asset.Variants[0]);
        }
        return versions;
    }

    /// <summary>Compresses one delta and stores it; null when the earlier version is no longer stored intact or the delta does not pay.</summary>
    private static VariantRecord? Make(Pair pair, IReleaseWriter writer)
    {
        if (writer.ReadStored(pair.Dictionary) is not { } dictionary)
            return null;
        var content = pair.File.Content.ReadAll(pair.File.Hash);
        var limit = Precompressor.KeepLimit(pair.File.SmallestSize);
        if (DeltaCompressor.Compress(content.Span, dictionary, Convert.FromHexString(pair.Dictionary.Sha256), limit) is not { } delta)
            return null;
        writer.WriteContent(pair.Key, delta);
        return new VariantRecord(ContentEncoding.Dcz, delta.Length, pair.Key, ContentHash.Of(delta).Sha256, pair.Dictionary.Sha256);
    }
}
