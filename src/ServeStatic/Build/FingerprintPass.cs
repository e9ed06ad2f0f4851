using ServeStatic.Fingerprinting;

namespace ServeStatic.Build;

/// <summary>
/// The fingerprinting transform of a build (docs/fingerprinting.md): reads the files that hold references, hashes the
/// others without holding them, runs <see cref="Fingerprinter"/>, and returns the assets to store: every file at its own
/// URL with its rewritten content, plus an immutable asset at each fingerprinted URL, plus the manifest and import map.
/// </summary>
internal static class FingerprintPass
{
    /// <exception cref="BuildException">A generated document would replace a site file, or, in strict mode, a reference is broken.</exception>
    public static (List<SiteAsset> Assets, IReadOnlyList<string> Warnings) Apply(IReadOnlyList<SiteAsset> assets, FingerprintOptions options, MediaTypes mediaTypes,
        string site, IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        var inputs = new FingerprintInput[assets.Count];
        var done = 0;
        progress?.Report(new BuildProgress(BuildStage.Fingerprinting, 0, assets.Count, null));
        ParallelWork.ForEach(Enumerable.Range(0, assets.Count), cancellationToken, (i, stop) =>
        {
            var asset = assets[i];
            var hash = asset.Content.Hash(stop);
            inputs[i] = Fingerprinter.ReadsContent(asset.UrlPath)
                ? new FingerprintInput(asset.UrlPath, asset.Content.ReadAll(hash))
                : new FingerprintInput(asset.UrlPath, default, new FileDigest(hash.Sha256, hash.Length));
            progress?.Report(new BuildProgress(BuildStage.Fingerprinting, Interlocked.Increment(ref done), assets.Count, asset.UrlPath));
        });

        FingerprintResult result;
        try
        {
            result = Fingerprinter.Run(inputs, options);
        }
        catch (FingerprintException e)
        {
            throw new BuildException(site, e.Message, e);
        }

        var byPath = assets.ToDictionary(a => a.UrlPath, StringComparer.Ordinal);
        // The generated documents change with every build of a changed site: they carry the newest time of the files they describe.
        var newest = assets.Count == 0 ? DateTimeOffset.UnixEpoch : assets.Max(a => a.LastModified);
        var output = new List<SiteAsset>(assets.Count * 2 + 2);
        foreach (var file in result.Files)
        {
            if (file.Generated)
            {
                output.Add(new SiteAsset(file.Path, mediaTypes.ContentTypeFor(file.Path), newest, Immutable: false, AssetContent.FromBytes(file.Content, $"{file.Path}, made by fingerprinting")));
                continue;
            }
            var original = byPath[file.Path];
            var content = file.Rewritten ? AssetContent.FromBytes(file.Content, $"{file.Path}, rewritten by fingerprinting") : original.Content;
            output.Add(original with { Content = content });
            // A site that already holds a file at the fingerprinted path (a copy of an earlier output) keeps its own.
            if (file.FingerprintedPath is { } fingerprinted && !byPath.ContainsKey(fingerprinted))
                output.Add(original with { UrlPath = fingerprinted, Immutable = true, Content = content });
        }
        return (output, result.Warnings.Select(w => w.ToString()).ToList());
    }
}
