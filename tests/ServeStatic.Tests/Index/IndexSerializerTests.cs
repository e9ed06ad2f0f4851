using System.Text;
using ServeStatic.Index;

namespace ServeStatic.Tests.Index;

public class IndexSerializerTests
{
    private static readonly string Hash = new('a', 64);
    private static readonly string OtherHash = new('b', 64);

    private static ReleaseIndex Sample() => new(ReleaseIndex.CurrentSchemaVersion,
    [
        new AssetRecord("/css/app.css", "text/css; charset=utf-8", 2000, Hash, "sha256-qqqq", new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), false,
        [
            new VariantRecord(ContentEncoding.Identity, 2000, Hash, Hash),
            new VariantRecord(ContentEncoding.Brotli, 400, Hash + ".br", OtherHash),
        ]),
    ]);

    [Fact]
    public void An_index_reads_back_as_the_model_that_was_written()
    {
        var written = Sample();
        var read = IndexSerializer.Deserialize(IndexSerializer.Serialize(written), "test");
        Assert.Equal(written.SchemaVersion, read.SchemaVersion);
        var asset = Assert.Single(read.Assets);
        Assert.Equal(written.Assets[0] with { Variants = [] }, asset with { Variants = [] });
        Assert.Equal(written.Assets[0].Variants, asset.Variants);
    }

    [Fact]
    public void Site_rules_read_back_as_the_rules_that_were_written()
    {
        var rules = new SiteRules(
            [new RedirectRule("/blog/*", "/news/:splat", 308, false)],
            [new RewriteRule("/app/*", "/css/app.css")],
            [new HeaderRuleRecord("*.css", "X-Frame-Options", "DENY")],
            new SpaFallbackRule("/css/app.css", ["/api/**"]),
            [new NotFoundPageRule("/", "/css/app.css")],
            TrailingSlash.Never,
            CleanUrls: true);
        var read = IndexSerializer.Deserialize(IndexSerializer.Serialize(Sample() with { Rules = rules }), "test").Rules!;
        Assert.Equal(rules.Redirects, read.Redirects);
        Assert.Equal(rules.Rewrites, read.Rewrites);
        Assert.Equal(rules.Headers, read.Headers);
        Assert.Equal(rules.SpaFallback!.Path, read.SpaFallback!.Path);
        Assert.Equal(rules.SpaFallback.Exclude, read.SpaFallback.Exclude);
        Assert.Equal(rules.NotFoundPages, read.NotFoundPages);
        Assert.Equal((TrailingSlash.Never, true), (read.TrailingSlash, read.CleanUrls));
    }

    [Fact]
    public void Encodings_are_written_as_their_http_tokens()
    {
        var json = Encoding.UTF8.GetString(IndexSerializer.Serialize(Sample()));
        Assert.Contains("\"encoding\": \"br\"", json, StringComparison.Ordinal);
        Assert.Contains("\"schemaVersion\": 3", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Plus_signs_and_non_ascii_paths_are_written_as_themselves_and_read_back()
    {
        var index = Sample();
        var asset = index.Assets[0] with { Path = "/images/café.svg", ContentType = "image/svg+xml; charset=utf-8", Integrity = "sha256-a+b/c=" };
        var bytes = IndexSerializer.Serialize(index with { Assets = [asset] });
        var json = Encoding.UTF8.GetString(bytes);
        Assert.Contains("\"path\": \"/images/café.svg\"", json, StringComparison.Ordinal);
        Assert.Contains("\"contentType\": \"image/svg+xml; charset=utf-8\"", json, StringComparison.Ordinal);
        Assert.Contains("\"integrity\": \"sha256-a+b/c=\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
        Assert.Equal(asset with { Variants = [] }, Assert.Single(IndexSerializer.Deserialize(bytes, "test").Assets) with { Variants = [] });
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("{\"schemaVersion\": 99, \"assets\": []}", "schemaVersion 99")]
    [InlineData("{\"schemaVersion\": 1}", "not valid JSON")]
    [InlineData("null", "empty")]
    [InlineData("{\"schemaVersion\": 1, \"assets\": []} {}", "not valid JSON")]
    [InlineData("{\"schemaVersion\": \"1\", \"assets\": []}", "schemaVersion is String, where Number was expected")]
    [InlineData("{\"schemaVersion\": 1, \"assets\": [{\"path\": \"/a\"}]}", "assets[0] has no \"contentType\"")]
    [InlineData("{\"schemaVersion\": 1, \"assets\": [{\"path\": null}]}", "assets[0].path is Null, where String was expected")]
    [InlineData("{\"schemaVersion\": 1, \"assets\": [{\"size\": 1.5}]}", "assets[0].size is not a whole number")]
    [InlineData("{\"schemaVersion\": 1, \"assets\": [{\"variants\": [{\"encoding\": \"lzma\"}]}]}", "assets[0].variants[0].encoding: unknown content encoding \"lzma\"")]
    [InlineData("{\"schemaVersion\": 1, \"assets\": [{\"lastModified\": \"yesterday\"}]}", "assets[0].lastModified is not an ISO 8601")]
    public void A_bad_index_is_refused_with_a_message_naming_where_and_what(string json, string expected)
    {
        var e = Assert.Throws<InvalidReleaseException>(() => IndexSerializer.Deserialize(Encoding.UTF8.GetBytes(json), "releases/x.json"));
        Assert.StartsWith("releases/x.json: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Properties_a_newer_writer_adds_are_skipped()
    {
        var json = Encoding.UTF8.GetString(IndexSerializer.Serialize(Sample()))
            .Replace("\"schemaVersion\": 1,", "\"schemaVersion\": 1, \"generator\": { \"name\": \"x\", \"list\": [1, [2]] },", StringComparison.Ordinal)
            .Replace("\"immutable\":", "\"note\": \"hi\", \"immutable\":", StringComparison.Ordinal);

        Assert.Equal(Sample().Assets[0] with { Variants = [] }, IndexSerializer.Deserialize(Encoding.UTF8.GetBytes(json), "r").Assets[0] with { Variants = [] });
    }

    [Fact]
    public void A_content_key_that_could_escape_the_store_is_refused()
    {
        var index = Sample();
        var bad = index with { Assets = [index.Assets[0] with { Variants = [index.Assets[0].Variants[0] with { Key = "../../etc/passwd" }] }] };
        var e = Assert.Throws<InvalidReleaseException>(() => IndexSerializer.Deserialize(IndexSerializer.Serialize(bad), "r"));
        Assert.Contains("not a safe content name", e.Message, StringComparison.Ordinal);
    }
}
