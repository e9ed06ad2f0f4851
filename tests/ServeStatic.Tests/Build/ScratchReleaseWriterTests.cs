using ServeStatic.Build;
using ServeStatic.Index;
using ServeStatic.Sources;

namespace ServeStatic.Tests.Build;

/// <summary>Development mode's writer: content files in a private scratch folder, the release in memory.</summary>
public class ScratchReleaseWriterTests
{
    private static BuildOptions Options(TempSite site) => new(site.Site) { Compression = PrecompressionLevel.Fast };

    [Fact]
    public async Task A_site_built_into_a_scratch_folder_holds_every_variant_it_names()
    {
        using var site = TempSite.FromSample();
        var writer = new ScratchReleaseWriter(site.Output("scratch"));
        var result = await ReleaseBuilder.BuildAsync(Options(site), writer);
        var release = writer.Release;
        Assert.Equal(result.ReleaseId, release.Id);
        Assert.Same(result.Index, release.Index);
        foreach (var asset in release.Index.Assets)
        {
            var identity = await release.Content.ReadAllAsync(asset.Sha256, CancellationToken.None);
            Assert.Equal(File.ReadAllBytes(Path.Join(site.Site, asset.Path[1..])), identity);
            foreach (var variant in asset.Variants.Skip(1))
                Assert.Equal(identity, PrecompressorTests.Decompress(variant.Encoding, await release.Content.ReadAllAsync(variant.Key, CancellationToken.None)));
        }
        Assert.Contains(release.Index.Assets, asset => asset.Variants.Count > 1);
    }

    [Fact]
    public async Task A_rebuild_reuses_the_previous_release_content()
    {
        using var site = TempSite.FromSample();
        var scratch = site.Output("scratch");
        var first = new ScratchReleaseWriter(scratch);
        await ReleaseBuilder.BuildAsync(Options(site), first);
        site.Write("robots.txt", "User-agent: *\nDisallow: /drafts/\n");
        var second = new ScratchReleaseWriter(scratch, first.Release);
        var result = await ReleaseBuilder.BuildAsync(Options(site), second);
        Assert.Equal(1, result.ContentsWritten);
        Assert.Equal("User-agent: *\nDisallow: /drafts/\n"u8.ToArray(),
            await second.Release.Content.ReadAllAsync(result.Index.Assets.Single(a => a.Path == "/robots.txt").Sha256, CancellationToken.None));
    }

    [Fact]
    public async Task The_none_level_stores_only_the_originals()
    {
        using var site = TempSite.FromSample();
        var writer = new ScratchReleaseWriter(site.Output("scratch"));
        var result = await ReleaseBuilder.BuildAsync(new BuildOptions(site.Site) { Compression = PrecompressionLevel.None }, writer);
        Assert.All(result.Index.Assets, asset => Assert.Single(asset.Variants));
    }

    [Fact]
    public async Task A_file_over_the_compression_limit_is_stored_as_it_is_and_one_under_it_is_compressed()
    {
        using var site = new TempSite();
        site.Write("big.css", TempSite.CompressibleText(50_001));
        site.Write("small.css", TempSite.CompressibleText(50_000));
        var writer = new ScratchReleaseWriter(site.Output("scratch"));
        var result = await ReleaseBuilder.BuildAsync(Options(site) with { CompressUpToBytes = 50_000 }, writer);
        var big = result.Index.Assets.Single(a => a.Path == "/big.css");
        Assert.Equal(ContentEncoding.Identity, Assert.Single(big.Variants).Encoding);
        Assert.Equal(File.ReadAllBytes(Path.Join(site.Site, "big.css")), await writer.Release.Content.ReadAllAsync(big.Sha256, CancellationToken.None));
        Assert.Equal(4, result.Index.Assets.Single(a => a.Path == "/small.css").Variants.Count);
    }

    [Fact]
    public async Task Deleting_unused_content_keeps_exactly_what_the_live_releases_name()
    {
        using var site = new TempSite();
        site.Write("index.html", "<p>one</p>");
        site.Write("app.css", TempSite.CompressibleText(20_000));
        var scratch = site.Output("scratch");
        var builds = new ScratchBuilds(scratch);
        await builds.BuildAsync(site);
        site.Write("index.html", "<p>two</p>");
        var second = await builds.BuildAsync(site);
        site.Write("index.html", "<p>three</p>");
        var third = await builds.BuildAsync(site);
        File.WriteAllText(Path.Join(scratch, ".tmp-left-by-a-failed-build"), "x");

        ScratchReleaseWriter.DeleteUnused(scratch, [third.Index, second.Index]);

        var named = new[] { second, third }.SelectMany(r => r.Index.Assets).SelectMany(a => a.Variants).Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(named.Order(StringComparer.Ordinal), Directory.EnumerateFiles(scratch).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_original_that_changes_while_it_is_copied_fails_the_build_naming_it_and_stores_nothing_under_its_key()
    {
        using var site = new TempSite();
        var path = site.Write("video.mp4", TempSite.RandomBytes(300_000));
        var content = AssetContent.FromFile(path);
        var hash = content.Hash(CancellationToken.None);
        site.Write("video.mp4", TempSite.RandomBytes(300_000, seed: 2));
        var writer = new ScratchReleaseWriter(site.Output("scratch"));
        var e = Assert.Throws<BuildException>(() => writer.WriteOriginal(content, hash));
        Assert.Equal(path, e.Where);
        Assert.Contains("changed while the build was reading it", e.Problem, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Join(site.Output("scratch"), hash.Sha256)));
    }

    /// <summary>Builds into one scratch folder, each build reusing the one before, as development mode does.</summary>
    private sealed class ScratchBuilds(string scratch)
    {
        private LoadedRelease? _previous;

        public async Task<LoadedRelease> BuildAsync(TempSite site)
        {
            var writer = new ScratchReleaseWriter(scratch, _previous);
            await ReleaseBuilder.BuildAsync(Options(site), writer);
            _previous = writer.Release;
            return writer.Release;
        }
    }
}
