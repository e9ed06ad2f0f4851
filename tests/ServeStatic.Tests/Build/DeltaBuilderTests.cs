using ServeStatic.Build;
using ServeStatic.Fingerprinting;
using ServeStatic.Index;

namespace ServeStatic.Tests.Build;

/// <summary>Deltas (dcz) against the earlier versions a release folder holds (docs/dictionary-transport.md).</summary>
public class DeltaBuilderTests
{
    private const int Functions = 600;

    private static Task<BuildResult> Build(TempSite site, BuildOptions? options = null) =>
        ReleaseBuilder.BuildToFolderAsync(options ?? new BuildOptions(site.Site), site.Output());

    private static IReadOnlyList<VariantRecord> Deltas(BuildResult result, string path) =>
        [.. Assert.Single(result.Index.Assets, asset => asset.Path == path).Variants.Where(variant => variant.Encoding == ContentEncoding.Dcz)];

    private static byte[] Stored(TempSite site, string key) => File.ReadAllBytes(Path.Join(site.Output(), "content", key));

    [Fact]
    public async Task A_changed_file_gets_a_delta_that_decodes_with_the_previous_version_to_the_new_file()
    {
        using var site = new TempSite();
        site.Write("js/app.js", VersionedScript.Text(Functions, 0));
        var first = await Build(site);
        var next = site.Write("js/app.js", VersionedScript.Text(Functions, 1));
        var second = await Build(site);

        var previous = Assert.Single(first.Index.Assets).Sha256;
        var delta = Assert.Single(Deltas(second, "/js/app.js"));
        Assert.Equal(previous, delta.Dictionary);
        Assert.Equal($"{Assert.Single(second.Index.Assets).Sha256}.dcz.{previous}", delta.Key);
        Assert.Equal(File.ReadAllBytes(next), Decode.Delta(Stored(site, delta.Key), Stored(site, previous)));
        var smallest = Assert.Single(second.Index.Assets).Variants.Where(v => v.Encoding != ContentEncoding.Dcz).Min(v => v.Size);
        Assert.True(delta.Size <= Precompressor.KeepLimit(smallest), $"the delta ({delta.Size} bytes) beats the smallest variant ({smallest}) by the keep rule");
        Assert.Equal((1, 0), (second.DeltasMade, second.DeltasReused));
    }

    [Fact]
    public async Task A_fingerprinted_name_gets_a_delta_against_the_previous_hashed_name_of_the_same_file()
    {
        using var site = new TempSite();
        site.Write("index.html", "<script type=\"module\" src=\"/js/app.js\"></script>");
        site.Write("js/app.js", VersionedScript.Text(Functions, 0));
        var options = new BuildOptions(site.Site) { Fingerprint = new FingerprintOptions() };
        var first = await Build(site, options);
        site.Write("js/app.js", VersionedScript.Text(Functions, 1));
        var second = await Build(site, options);

        var oldHashed = Assert.Single(first.Index.Assets, asset => asset.Immutable && asset.Path.StartsWith("/js/app.", StringComparison.Ordinal));
        var newHashed = Assert.Single(second.Index.Assets, asset => asset.Immutable && asset.Path.StartsWith("/js/app.", StringComparison.Ordinal));
        Assert.NotEqual(oldHashed.Path, newHashed.Path);
        Assert.Equal(oldHashed.Sha256, Assert.Single(Deltas(second, newHashed.Path)).Dictionary);
        Assert.Equal(oldHashed.Sha256, Assert.Single(Deltas(second, "/js/app.js")).Dictionary);
    }

    [Fact]
    public async Task A_file_whose_delta_does_not_pay_gets_none()
    {
        using var site = new TempSite();
        site.Write("js/app.js", VersionedScript.Text(Functions, 0));
        await Build(site);
        // Another file at the same path: the earlier version helps too little to beat the file's own compression.
        site.Write("js/app.js", TempSite.CompressibleText(60_000));
        Assert.Empty(Deltas(await Build(site), "/js/app.js"));
    }

    [Fact]
    public async Task Deltas_are_made_against_the_versions_of_the_last_N_releases_only()
    {
        using var site = new TempSite();
        var shas = new List<string>();
        for (var version = 0; version < 3; version++)
        {
            site.Write("js/app.js", VersionedScript.Text(Functions, version + 1));
            shas.Add(Assert.Single((await Build(site)).Index.Assets).Sha256);
        }
        site.Write("js/app.js", VersionedScript.Text(Functions, 9));
        var result = await Build(site, new BuildOptions(site.Site) { DictionaryReleases = 2 });
        Assert.Equal([shas[2], shas[1]], Deltas(result, "/js/app.js").Select(delta => delta.Dictionary));
    }

    [Fact]
    public async Task No_deltas_are_made_with_zero_dictionary_releases()
    {
        using var site = new TempSite();
        site.Write("js/app.js", VersionedScript.Text(Functions, 0));
        await Build(site);
        site.Write("js/app.js", VersionedScript.Text(Functions, 1));
        var result = await Build(site, new BuildOptions(site.Site) { DictionaryReleases = 0 });
        Assert.Empty(Deltas(result, "/js/app.js"));
        Assert.Equal(ReleaseIndex.CurrentSchemaVersion, result.Index.SchemaVersion);
    }

    [Fact]
    public async Task A_fast_build_makes_no_deltas()
    {
        using var site = new TempSite();
        site.Write("js/app.js", VersionedScript.Text(Functions, 0));
        await Build(site);
        site.Write("js/app.js", VersionedScript.Text(Functions, 1));
        Assert.Empty(Deltas(await Build(site, new BuildOptions(site.Site) { Compression = PrecompressionLevel.Fast }), "/js/app.js"));
    }

    [Fact]
    public async Task A_rebuild_reuses_the_stored_delta()
    {
        using var site = new TempSite();
        site.Write("js/app.js", VersionedScript.Text(Functions, 0));
        await Build(site);
        site.Write("js/app.js", VersionedScript.Text(Functions, 1));
        var made = await Build(site);
        site.Write("other.txt", "a new file, so the release differs");
        var again = await Build(site);
        Assert.Equal((1, 0), (made.DeltasMade, made.DeltasReused));
        Assert.Equal((0, 1), (again.DeltasMade, again.DeltasReused));
        Assert.Equal(Deltas(made, "/js/app.js"), Deltas(again, "/js/app.js"));
    }

    [Fact]
    public async Task Release_totals_count_deltas_apart_from_the_encodings()
    {
        using var site = new TempSite();
        site.Write("js/app.js", VersionedScript.Text(Functions, 0));
        await Build(site);
        site.Write("js/app.js", VersionedScript.Text(Functions, 1));
        var result = await Build(site);
        var delta = Assert.Single(Deltas(result, "/js/app.js"));
        Assert.Equal(new DeltaTotal(1, delta.Size), result.Totals.Deltas);
        Assert.DoesNotContain(result.Totals.Encodings, total => total.Encoding == ContentEncoding.Dcz);
    }
}
