using System.Text;
using System.Text.Json;
using ServeStatic.Build;
using ServeStatic.Fingerprinting;
using ServeStatic.Index;
using ServeStatic.Sources;

namespace ServeStatic.Tests.Fingerprinting;

/// <summary>The fingerprinting pass inside a real build of a real site folder.</summary>
public sealed class FingerprintBuildTests : IDisposable
{
    private readonly TempFolder _site = new();
    private readonly TempFolder _content = new();

    public void Dispose()
    {
        _site.Dispose();
        _content.Dispose();
    }

    private void Write(string path, string text)
    {
        var full = Path.Combine(_site.Path, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private void WriteSmallSite()
    {
        Write("index.html", "<link rel=stylesheet href=css/app.css><script type=module src=/js/app.js></script>");
        Write("css/app.css", "a{background:url(../img/a.svg)}");
        Write("img/a.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Write("js/app.js", "import './util.js';");
        Write("js/util.js", "export {};");
    }

    private async Task<LoadedRelease> BuildAsync(FingerprintOptions? fingerprint)
    {
        var writer = new ScratchReleaseWriter(_content.Path);
        await ReleaseBuilder.BuildAsync(new BuildOptions(_site.Path) { Fingerprint = fingerprint, Compression = PrecompressionLevel.None }, writer);
        return writer.Release;
    }

    private static async Task<string> TextAsync(LoadedRelease release, AssetRecord asset) =>
        Encoding.UTF8.GetString(await release.Content.ReadAllAsync(asset.Variants[0].Key, CancellationToken.None));

    private static AssetRecord Asset(LoadedRelease release, string path) => release.Index.Assets.Single(a => a.Path == path);

    [Fact]
    public async Task A_renamed_file_is_served_at_both_urls_with_the_same_bytes_and_only_the_fingerprinted_one_is_immutable()
    {
        WriteSmallSite();
        var release = await BuildAsync(new FingerprintOptions());
        var original = Asset(release, "/css/app.css");
        var fingerprinted = release.Index.Assets.Single(a => a.Path.StartsWith("/css/app.", StringComparison.Ordinal) && a.Path != "/css/app.css");
        Assert.Matches("^/css/app\\.[0-9a-f]{10}\\.css$", fingerprinted.Path);
        Assert.False(original.Immutable);
        Assert.True(fingerprinted.Immutable);
        Assert.Equal(original.Sha256, fingerprinted.Sha256);
        Assert.Equal(original.ContentType, fingerprinted.ContentType);
        Assert.StartsWith(fingerprinted.Path.Split('.')[1], original.Sha256, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_keep_their_single_url_and_point_at_fingerprinted_files()
    {
        WriteSmallSite();
        var release = await BuildAsync(new FingerprintOptions());
        Assert.DoesNotContain(release.Index.Assets, a => a.Path.StartsWith("/index.", StringComparison.Ordinal) && a.Path != "/index.html");
        var page = await TextAsync(release, Asset(release, "/index.html"));
        var css = release.Index.Assets.Single(a => a.Immutable && a.Path.StartsWith("/css/app.", StringComparison.Ordinal)).Path;
        var js = release.Index.Assets.Single(a => a.Immutable && a.Path.StartsWith("/js/app.", StringComparison.Ordinal)).Path;
        Assert.Equal($"<link rel=stylesheet href={css[1..]}><script type=module src={js}></script>", page);
    }

    [Fact]
    public async Task The_manifest_and_import_map_are_short_lived_assets_of_the_release()
    {
        WriteSmallSite();
        var release = await BuildAsync(new FingerprintOptions());
        var manifest = Asset(release, Fingerprinter.ManifestPath);
        var importMap = Asset(release, Fingerprinter.ImportMapPath);
        Assert.False(manifest.Immutable);
        Assert.False(importMap.Immutable);
        Assert.StartsWith("application/json", manifest.ContentType, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await TextAsync(release, importMap));
        var js = release.Index.Assets.Single(a => a.Immutable && a.Path.StartsWith("/js/app.", StringComparison.Ordinal));
        Assert.Equal(js.Path, document.RootElement.GetProperty("imports").GetProperty("/js/app.js").GetString());
        Assert.Equal(js.Integrity, document.RootElement.GetProperty("integrity").GetProperty(js.Path).GetString());
    }

    [Fact]
    public async Task A_missing_reference_is_a_warning_of_the_build_by_default()
    {
        WriteSmallSite();
        Write("css/extra.css", "a{background:url(gone.png)}");
        var writer = new ScratchReleaseWriter(_content.Path);
        var result = await ReleaseBuilder.BuildAsync(new BuildOptions(_site.Path) { Fingerprint = new FingerprintOptions(), Compression = PrecompressionLevel.None }, writer);
        Assert.Equal("/css/extra.css: 'gone.png' names /css/gone.png, which is not in the site", Assert.Single(result.Warnings));
    }

    [Fact]
    public async Task A_strict_build_with_a_missing_reference_fails_naming_the_file_and_writes_no_release()
    {
        WriteSmallSite();
        Write("css/extra.css", "a{background:url(gone.png)}");
        using var output = new TempFolder();
        var e = await Assert.ThrowsAsync<BuildException>(() => ReleaseBuilder.BuildToFolderAsync(
            new BuildOptions(_site.Path) { Fingerprint = new FingerprintOptions { Strict = true } }, output.Path));
        Assert.Contains("/css/extra.css: 'gone.png' names /css/gone.png, which is not in the site", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output.Path, ReleaseLayout.Current)));
    }

    [Fact]
    public async Task A_site_file_at_a_generated_path_fails_the_build()
    {
        WriteSmallSite();
        Write("importmap.json", "{}");
        var e = await Assert.ThrowsAsync<BuildException>(() => BuildAsync(new FingerprintOptions()));
        Assert.Contains("/importmap.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fingerprinted_build_of_the_same_site_gives_the_same_release()
    {
        WriteSmallSite();
        var first = await BuildAsync(new FingerprintOptions { SubresourceIntegrity = true });
        var second = await BuildAsync(new FingerprintOptions { SubresourceIntegrity = true });
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(IndexSerializer.Serialize(first.Index), IndexSerializer.Serialize(second.Index));
    }

    [Fact]
    public async Task A_build_without_fingerprinting_leaves_names_and_contents_alone()
    {
        WriteSmallSite();
        var release = await BuildAsync(null);
        Assert.Equal(["/css/app.css", "/img/a.svg", "/index.html", "/js/app.js", "/js/util.js"], release.Index.Assets.Select(a => a.Path));
        Assert.All(release.Index.Assets, a => Assert.False(a.Immutable));
        Assert.Equal("a{background:url(../img/a.svg)}", await TextAsync(release, Asset(release, "/css/app.css")));
    }
}
