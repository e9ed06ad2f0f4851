using System.Security.Cryptography;
using ServeStatic.Build;
using ServeStatic.Fingerprinting;
using ServeStatic.Index;

namespace ServeStatic.Tests.Build;

public class ReleaseBuilderTests
{
    private static Task<BuildResult> Build(TempSite site, string output, BuildOptions? options = null) =>
        ReleaseBuilder.BuildToFolderAsync(options ?? new BuildOptions(site.Site), output);

    private static AssetRecord Asset(BuildResult result, string path) => Assert.Single(result.Index.Assets, asset => asset.Path == path);

    private static string ContentFile(string output, string key) => Path.Join(output, "content", key);

    [Fact]
    public async Task Every_asset_records_its_size_hash_integrity_type_and_time()
    {
        using var site = new TempSite();
        var path = site.Write("css/app.css", "body { color: red; }");
        File.SetLastWriteTimeUtc(path, new DateTime(2026, 1, 2, 3, 4, 5, 600, DateTimeKind.Utc));
        var asset = Asset(await Build(site, site.Output()), "/css/app.css");
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(bytes.Length, asset.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), asset.Sha256);
        Assert.Equal("sha256-" + Convert.ToBase64String(SHA256.HashData(bytes)), asset.Integrity);
        Assert.Equal("text/css; charset=utf-8", asset.ContentType);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), asset.LastModified);
        Assert.False(asset.Immutable);
        Assert.Equal(new VariantRecord(ContentEncoding.Identity, bytes.Length, asset.Sha256, asset.Sha256), asset.Variants[0]);
    }

    [Fact]
    public async Task An_empty_exclude_pattern_is_refused()
    {
        using var site = new TempSite();
        site.Write("index.html", "<p>");
        var e = await Assert.ThrowsAsync<BuildException>(() => Build(site, site.Output(), new BuildOptions(site.Site) { Excludes = ["/"] }));
        Assert.Equal("exclude pattern \"/\"", e.Where);
        Assert.Contains("empty", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_entry_point_pattern_is_refused_before_the_site_is_read()
    {
        using var site = new TempSite();
        var missing = Path.Join(site.Root, "no-such-site");
        var e = await Assert.ThrowsAsync<BuildException>(() => Build(site, site.Output(),
            new BuildOptions(missing) { Fingerprint = new FingerprintOptions { EntryPoints = ["sw.js", " "] } }));
        Assert.Equal("entry point pattern \" \"", e.Where);
        Assert.Equal("the pattern is empty", e.Problem);
    }

    [Fact]
    public async Task A_compressible_file_gets_brotli_gzip_and_zstd_variants_in_that_order()
    {
        using var site = new TempSite();
        site.Write("app.js", TempSite.CompressibleText(40_000));
        var asset = Asset(await Build(site, site.Output()), "/app.js");
        Assert.Equal([ContentEncoding.Identity, ContentEncoding.Brotli, ContentEncoding.Gzip, ContentEncoding.Zstd], asset.Variants.Select(v => v.Encoding));
        Assert.Equal(asset.Sha256 + ".br", asset.Variants[1].Key);
        Assert.Equal(asset.Sha256 + ".gzip", asset.Variants[2].Key);
        Assert.Equal(asset.Sha256 + ".zstd", asset.Variants[3].Key);
    }

    [Fact]
    public async Task An_already_compressed_type_is_not_compressed_however_compressible_its_bytes()
    {
        using var site = new TempSite();
        site.Write("img/fake.png", TempSite.CompressibleText(40_000));
        site.Write("fonts/fake.woff2", TempSite.CompressibleText(40_001));
        var result = await Build(site, site.Output());
        Assert.All(result.Index.Assets, asset => Assert.Single(asset.Variants));
    }

    [Fact]
    public async Task A_variant_that_does_not_pay_is_dropped()
    {
        using var site = new TempSite();
        site.Write("noise.bin", TempSite.RandomBytes(30_000));
        site.Write("small.css", "a{b:c}");
        var output = site.Output();
        var result = await Build(site, output);
        Assert.All(result.Index.Assets, asset => Assert.Single(asset.Variants));
        Assert.Equal(2, Directory.GetFiles(Path.Join(output, "content")).Length);
    }

    [Theory]
    [InlineData(ContentEncoding.Brotli)]
    [InlineData(ContentEncoding.Gzip)]
    [InlineData(ContentEncoding.Zstd)]
    internal async Task Every_stored_variant_of_the_sample_site_decompresses_to_the_original(ContentEncoding encoding)
    {
        using var site = TempSite.FromSample();
        var output = site.Output();
        var result = await Build(site, output);
        var variants = result.Index.Assets.SelectMany(asset => asset.Variants.Where(v => v.Encoding == encoding).Select(v => (asset, variant: v))).ToList();
        Assert.NotEmpty(variants);
        foreach (var (asset, variant) in variants)
        {
            var stored = File.ReadAllBytes(ContentFile(output, variant.Key));
            Assert.Equal(variant.Size, stored.Length);
            Assert.Equal(variant.Sha256, Convert.ToHexStringLower(SHA256.HashData(stored)));
            Assert.Equal(File.ReadAllBytes(ContentFile(output, asset.Sha256)), PrecompressorTests.Decompress(encoding, stored));
        }
    }

    [Fact]
    public async Task Building_the_same_site_twice_gives_byte_identical_releases()
    {
        using var site = TempSite.FromSample();
        var first = await Build(site, site.Output("first"));
        var second = await Build(site, site.Output("second"));
        Assert.Equal(first.ReleaseId, second.ReleaseId);
        Assert.Equal(Snapshot(site.Output("first")), Snapshot(site.Output("second")));
    }

    [Fact]
    public async Task A_rebuild_of_an_unchanged_site_compresses_and_writes_nothing()
    {
        using var site = TempSite.FromSample();
        var output = site.Output();
        var first = await Build(site, output);
        var before = Snapshot(output);
        var times = Directory.GetFiles(output, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var second = await Build(site, output);
        Assert.Equal(0, second.ContentsWritten);
        Assert.Equal(first.ContentsWritten, second.ContentsReused);
        Assert.Equal(first.ReleaseId, second.ReleaseId);
        Assert.Equal(before, Snapshot(output));
        Assert.All(Directory.GetFiles(Path.Join(output, "content")), file => Assert.Equal(times[file], File.GetLastWriteTimeUtc(file)));
    }

    [Fact]
    public async Task A_rebuild_after_one_change_stores_only_that_file_and_keeps_the_old_release()
    {
        using var site = TempSite.FromSample();
        var output = site.Output();
        var first = await Build(site, output);
        site.Write("css/app.css", File.ReadAllText(Path.Join(site.Site, "css", "app.css")) + "\n.new { color: blue; }\n");
        var second = await Build(site, output);
        Assert.Equal(1, second.ContentsWritten);
        Assert.Equal(first.ContentsWritten - 1, second.ContentsReused);
        Assert.NotEqual(first.ReleaseId, second.ReleaseId);
        Assert.True(File.Exists(Path.Join(output, "releases", first.ReleaseId + ".json")));
        Assert.Equal(second.ReleaseId + "\n", File.ReadAllText(Path.Join(output, "current")));
        // The reused variants are the ones the first build recorded.
        Assert.Equal(Asset(first, "/data/trails.json").Variants, Asset(second, "/data/trails.json").Variants);
    }

    [Theory]
    [InlineData(ContentEncoding.Identity)]
    [InlineData(ContentEncoding.Brotli)]
    internal async Task A_rebuild_rewrites_a_content_file_overwritten_with_other_bytes_of_the_same_length(ContentEncoding encoding)
    {
        using var site = TempSite.FromSample();
        var output = site.Output();
        var first = await Build(site, output);
        var file = ContentFile(output, Assert.Single(Asset(first, "/data/trails.json").Variants, variant => variant.Encoding == encoding).Key);
        var original = File.ReadAllBytes(file);
        File.WriteAllBytes(file, [.. original.Select(b => (byte)~b)]);

        var second = await Build(site, output);

        Assert.Equal(first.ReleaseId, second.ReleaseId);
        Assert.Equal(1, second.ContentsWritten);
        Assert.Equal(original, File.ReadAllBytes(file));
    }

    [Fact]
    public async Task A_rebuild_replaces_a_content_file_that_became_a_link_with_the_file_itself()
    {
        using var site = TempSite.FromSample();
        var output = site.Output();
        var first = await Build(site, output);
        var file = ContentFile(output, Asset(first, "/data/trails.json").Sha256);
        var original = File.ReadAllBytes(file);
        var elsewhere = Path.Join(site.Root, "elsewhere");
        File.Move(file, elsewhere);
        File.CreateSymbolicLink(file, elsewhere);

        await Build(site, output);

        Assert.Null(new FileInfo(file).LinkTarget);
        Assert.Equal(original, File.ReadAllBytes(file));
    }

    [Fact]
    public async Task A_release_reads_back_from_its_folder_as_the_index_that_was_built()
    {
        using var site = TempSite.FromSample();
        var output = site.Output();
        var result = await Build(site, output);
        var id = ReleaseLayout.ParseCurrent(File.ReadAllText(Path.Join(output, ReleaseLayout.Current)), "current");
        var read = IndexSerializer.Deserialize(File.ReadAllBytes(Path.Join(output, ReleaseLayout.IndexPath(id))), id);
        Assert.Equal(result.ReleaseId, id);
        Assert.Equal(result.Index.SchemaVersion, read.SchemaVersion);
        Assert.Equal(result.Index.Assets.Count, read.Assets.Count);
        foreach (var (built, back) in result.Index.Assets.Zip(read.Assets))
        {
            Assert.Equal(built with { Variants = [], Preload = null }, back with { Variants = [], Preload = null });
            Assert.Equal(built.Variants, back.Variants);
            Assert.Equal(built.Preload, back.Preload);
            foreach (var variant in back.Variants)
                Assert.Equal(variant.Size, new FileInfo(ContentFile(output, variant.Key)).Length);
        }
        Assert.Equal(id, IndexSerializer.ComputeReleaseId(File.ReadAllBytes(Path.Join(output, ReleaseLayout.IndexPath(id)))));
    }

    [Fact]
    public async Task The_sample_site_is_served_with_its_well_known_file_docs_index_and_module_graph()
    {
        using var site = TempSite.FromSample();
        var paths = (await Build(site, site.Output())).Index.Assets.Select(asset => asset.Path).ToList();
        Assert.Contains("/.well-known/security.txt", paths);
        Assert.Contains("/docs/index.html", paths);
        Assert.Contains("/js/lib/dom.js", paths);
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);
    }

    [Fact]
    public async Task Identical_files_are_stored_once()
    {
        using var site = new TempSite();
        var text = TempSite.CompressibleText(20_000);
        site.Write("a.css", text);
        site.Write("copy/b.css", text);
        var result = await Build(site, site.Output());
        Assert.Equal(1, result.ContentsWritten);
        Assert.Equal(result.Index.Assets[0].Variants, result.Index.Assets[1].Variants);
    }

    [Fact]
    public async Task The_release_id_can_be_chosen()
    {
        using var site = new TempSite();
        site.Write("a.txt", "x");
        var result = await Build(site, site.Output(), new BuildOptions(site.Site) { ReleaseId = "2026-11-23.1" });
        Assert.Equal("2026-11-23.1", result.ReleaseId);
        Assert.True(File.Exists(Path.Join(site.Output(), "releases", "2026-11-23.1.json")));
    }

    [Fact]
    public async Task A_different_release_under_an_existing_id_is_refused()
    {
        using var site = new TempSite();
        site.Write("a.txt", "x");
        var options = new BuildOptions(site.Site) { ReleaseId = "fixed" };
        await Build(site, site.Output(), options);
        site.Write("b.txt", "y");
        var e = await Assert.ThrowsAsync<BuildException>(() => Build(site, site.Output(), options));
        Assert.Contains("already exists", e.Problem, StringComparison.Ordinal);
        Assert.Equal("fixed\n", File.ReadAllText(Path.Join(site.Output(), "current")));
    }

    [Fact]
    public async Task A_release_id_that_is_not_a_safe_name_is_refused()
    {
        using var site = new TempSite();
        site.Write("a.txt", "x");
        var e = await Assert.ThrowsAsync<BuildException>(() => Build(site, site.Output(), new BuildOptions(site.Site) { ReleaseId = "../Evil" }));
        Assert.Contains("lowercase letters, digits, dots and dashes", e.Problem, StringComparison.Ordinal);
        Assert.False(Directory.Exists(site.Output()));
    }

    [Fact]
    public async Task An_output_folder_inside_the_site_is_refused()
    {
        using var site = new TempSite();
        site.Write("a.txt", "x");
        var output = Path.Join(site.Site, "out");
        var e = await Assert.ThrowsAsync<BuildException>(() => Build(site, output));
        Assert.Equal(output, e.Where);
        Assert.Contains("inside the site folder", e.Problem, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task An_output_folder_that_holds_other_things_is_refused()
    {
        using var site = new TempSite();
        site.Write("a.txt", "x");
        var output = site.Output();
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Join(output, "notes.txt"), "mine");
        var e = await Assert.ThrowsAsync<BuildException>(() => Build(site, output));
        Assert.Contains("holds no release", e.Problem, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_named()
    {
        using var site = new TempSite();
        // A socket is a directory entry that open(2) refuses, even for root: here one that took a scanned file's place.
        var path = Path.Join(site.Site, "b.txt");
        var content = AssetContent.FromFile(path);
        using var socket = SpecialFiles.MakeSocket(path);
        var e = Assert.Throws<BuildException>(() => content.Hash(CancellationToken.None));
        Assert.Equal(path, e.Where);
        Assert.Contains("cannot be read", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_of_a_site_holding_a_named_pipe_finishes_with_one_warning_and_leaves_the_pipe_out()
    {
        using var site = new TempSite();
        site.Write("index.html", "<p>hi</p>");
        var fifo = Path.Join(site.Site, "pipe.txt");
        SpecialFiles.MakeFifo(fifo);
        var result = await Build(site, site.Output()).WaitAsync(SpecialFiles.HangTimeout);
        Assert.Equal(["/index.html"], result.Index.Assets.Select(asset => asset.Path));
        Assert.Equal($"{fifo}: a named pipe (FIFO), not a regular file; left out", Assert.Single(result.Warnings));
    }

    [Fact]
    public void A_file_that_vanishes_after_the_scan_is_named()
    {
        using var site = new TempSite();
        var path = site.Write("a.txt", "x");
        var content = AssetContent.FromFile(path);
        File.Delete(path);
        var e = Assert.Throws<BuildException>(() => content.Hash(CancellationToken.None));
        Assert.Equal($"{path}: the file vanished during the build", e.Message);
    }

    [Fact]
    public void A_file_that_changes_between_hashing_and_compressing_is_refused()
    {
        using var site = new TempSite();
        var path = site.Write("a.txt", "first");
        var content = AssetContent.FromFile(path);
        var hash = content.Hash(CancellationToken.None);
        File.WriteAllText(path, "other");
        var e = Assert.Throws<BuildException>(() => content.ReadAll(hash));
        Assert.Contains("changed while the build was reading it", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_is_hashed_once_however_often_a_pass_asks()
    {
        using var site = new TempSite();
        var path = site.Write("a.txt", "x");
        var content = AssetContent.FromFile(path);
        var first = content.Hash(CancellationToken.None);
        File.Delete(path);
        Assert.Equal(first, content.Hash(CancellationToken.None));
    }

    [Fact]
    public void Integrity_is_sha256_in_base64_as_subresource_integrity_defines() =>
        Assert.Equal("sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=", ContentHash.Of("abc"u8).Integrity);

    /// <summary>Every file of a folder, by relative path, with its bytes as hex.</summary>
    private static SortedDictionary<string, string> Snapshot(string folder) =>
        new(Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(file => Path.GetRelativePath(folder, file), file => Convert.ToHexString(File.ReadAllBytes(file))), StringComparer.Ordinal);
}
