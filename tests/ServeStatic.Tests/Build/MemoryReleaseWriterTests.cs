using Microsoft.AspNetCore.Http;
using ServeStatic.Build;
using ServeStatic.Sources;

namespace ServeStatic.Tests.Build;

public class MemoryReleaseWriterTests
{
    [Fact]
    public async Task A_site_built_in_memory_holds_every_variant_it_names()
    {
        using var site = TempSite.FromSample();
        var writer = new MemoryReleaseWriter();
        var result = await ReleaseBuilder.BuildAsync(new BuildOptions(site.Site) { Compression = PrecompressionLevel.Fast }, writer);
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
    public async Task A_rebuild_in_memory_reuses_the_previous_release_content()
    {
        using var site = TempSite.FromSample();
        var options = new BuildOptions(site.Site) { Compression = PrecompressionLevel.Fast };
        var first = new MemoryReleaseWriter();
        await ReleaseBuilder.BuildAsync(options, first);
        site.Write("robots.txt", "User-agent: *\nDisallow: /drafts/\n");
        var second = new MemoryReleaseWriter(first.Release);
        var result = await ReleaseBuilder.BuildAsync(options, second);
        Assert.Equal(1, result.ContentsWritten);
        Assert.Equal("User-agent: *\nDisallow: /drafts/\n"u8.ToArray(),
            await second.Release.Content.ReadAllAsync(result.Index.Assets.Single(a => a.Path == "/robots.txt").Sha256, CancellationToken.None));
    }

    [Fact]
    public async Task The_none_level_stores_only_the_originals()
    {
        using var site = TempSite.FromSample();
        var writer = new MemoryReleaseWriter();
        var result = await ReleaseBuilder.BuildAsync(new BuildOptions(site.Site) { Compression = PrecompressionLevel.None }, writer);
        Assert.All(result.Index.Assets, asset => Assert.Single(asset.Variants));
    }

    [Fact]
    public async Task The_memory_store_writes_a_byte_range_to_a_response()
    {
        using var site = new TempSite();
        site.Write("a.txt", "0123456789");
        var writer = new MemoryReleaseWriter();
        var result = await ReleaseBuilder.BuildAsync(new BuildOptions(site.Site), writer);
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await writer.Release.Content.WriteToAsync(result.Index.Assets[0].Sha256, 2, 5, context.Response, CancellationToken.None);
        Assert.Equal("23456"u8.ToArray(), body.ToArray());
    }

    [Fact]
    public async Task A_key_the_memory_store_lacks_is_unavailable_content()
    {
        using var site = new TempSite();
        site.Write("a.txt", "x");
        var writer = new MemoryReleaseWriter();
        await ReleaseBuilder.BuildAsync(new BuildOptions(site.Site), writer);
        await Assert.ThrowsAsync<ContentUnavailableException>(() => writer.Release.Content.ReadAllAsync(new string('0', 64), CancellationToken.None));
    }
}
