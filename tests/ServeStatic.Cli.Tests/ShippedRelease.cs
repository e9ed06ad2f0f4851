using ServeStatic.Index;

namespace ServeStatic.Cli.Tests;

/// <summary>What an app's build or publish folder holds as <c>release/</c>, checked the same way for every kind of app.</summary>
internal static class ShippedRelease
{
    /// <summary>
    /// Asserts that a packaged release folder holds <paramref name="releases"/> releases, <c>current</c> naming one of them,
    /// their indexes and every content file they refer to, and nothing else (no file of a pruned release); returns the current one.
    /// </summary>
    public static (string Id, ReleaseIndex Index) AssertHoldsExactlyTheReleases(string release, int releases)
    {
        var id = ReleaseLayout.ParseCurrent(File.ReadAllText(Path.Join(release, ReleaseLayout.Current)), release);
        var ids = Directory.EnumerateFiles(Path.Join(release, "releases")).Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.Equal(releases, ids.Count);
        Assert.Contains(id, ids);
        var indexes = ids.ToDictionary(i => i!, i => IndexSerializer.Deserialize(File.ReadAllBytes(Path.Join(release, ReleaseLayout.IndexPath(i!))), i!));
        var expected = indexes.Keys.Select(ReleaseLayout.IndexPath).Append(ReleaseLayout.Current)
            .Concat(indexes.Values.SelectMany(index => index.ContentKeys()).Distinct().Select(ReleaseLayout.ContentPath))
            .Order(StringComparer.Ordinal);
        var actual = Directory.EnumerateFiles(release, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(release, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var stale = actual.Except(expected).ToList();
        Assert.True(stale.Count == 0, $"{release} holds files that are not part of its releases: {string.Join(", ", stale)}");
        Assert.Equal(expected, actual);
        return (id, indexes[id]);
    }

    /// <summary>By default the package's release is fingerprinted, and its page loads the stylesheet by hashed name with SRI.</summary>
    public static void AssertFingerprintedWithIntegrity(string release, string id, ReleaseIndex index)
    {
        var css = Assert.Single(index.Assets, asset => asset.Immutable && asset.Path.StartsWith("/css/app.", StringComparison.Ordinal));
        var page = Assert.Single(index.Assets, asset => asset.Path == "/index.html");
        var html = File.ReadAllText(Path.Join(release, ReleaseLayout.ContentPath(page.Variants[0].Key)));
        Assert.True(html.Contains(css.Path.TrimStart('/'), StringComparison.Ordinal) && html.Contains($"integrity=\"{css.Integrity}\"", StringComparison.Ordinal),
            $"release {id}'s /index.html does not load {css.Path} with its integrity: {html}");
    }
}
