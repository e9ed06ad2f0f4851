using System.Text;
using ServeStatic.Index;

namespace ServeStatic.Tests.Index;

/// <summary>The optional <c>preload</c> field of an asset (docs/index-format.md): written, read back, and refused when it could not be served.</summary>
public class PreloadIndexTests
{
    private static readonly string Hash = new('a', 64);

    private static AssetRecord Asset(string path, string contentType) =>
        new(path, contentType, 10, Hash, "sha256-qqqq", new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), false,
            [new VariantRecord(ContentEncoding.Identity, 10, Hash, Hash)]);

    private static ReleaseIndex Site(params PreloadLink[] links) => new(ReleaseIndex.CurrentSchemaVersion,
    [
        Asset("/index.html", "text/html; charset=utf-8") with { Preload = links },
        Asset("/app.css", "text/css; charset=utf-8"),
        Asset("/app.js", "text/javascript; charset=utf-8"),
        Asset("/font.woff2", "font/woff2"),
    ]);

    private static readonly PreloadLink[] Links =
    [
        new("/app.css", PreloadKind.Style, Integrity: "sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC"),
        new("/app.js", PreloadKind.Module),
        new("/font.woff2", PreloadKind.Font, Type: "font/woff2"),
    ];

    private static string RefusalOf(string json) =>
        Assert.Throws<InvalidReleaseException>(() => IndexSerializer.Deserialize(Encoding.UTF8.GetBytes(json), "releases/x.json")).Message;

    private static string Json(ReleaseIndex index) => Encoding.UTF8.GetString(IndexSerializer.Serialize(index));

    [Fact]
    public void Preload_links_read_back_as_the_links_that_were_written()
    {
        var read = IndexSerializer.Deserialize(IndexSerializer.Serialize(Site(Links)), "test");
        Assert.Equal(Links, read.Assets[0].Preload);
        Assert.Null(read.Assets[1].Preload);
    }

    [Fact]
    public void A_kind_is_written_as_its_token_and_an_asset_without_links_has_no_preload_field()
    {
        var json = Json(Site(Links));
        Assert.Contains("\"as\": \"style\"", json, StringComparison.Ordinal);
        Assert.Contains("\"as\": \"module\"", json, StringComparison.Ordinal);
        Assert.Contains("\"as\": \"font\"", json, StringComparison.Ordinal);
        Assert.Equal(1, json.Split("\"preload\"").Length - 1);
    }

    [Fact]
    public void A_link_to_a_path_the_release_lacks_is_refused_naming_the_page_and_the_link()
    {
        var message = RefusalOf(Json(Site(new PreloadLink("/gone.css", PreloadKind.Style))));
        Assert.Equal("releases/x.json: asset \"/index.html\": preload[0]: \"/gone.css\" is not an asset of the release", message);
    }

    [Fact]
    public void A_kind_outside_the_fixed_set_is_refused()
    {
        var json = Json(Site(Links)).Replace("\"as\": \"module\"", "\"as\": \"image\"", StringComparison.Ordinal);
        Assert.Contains("assets[0].preload[1].as: unknown preload kind \"image\" (style, module or font)", RefusalOf(json), StringComparison.Ordinal);
    }

    [Fact]
    public void A_font_whose_type_is_not_its_assets_media_type_is_refused()
    {
        var message = RefusalOf(Json(Site(new PreloadLink("/font.woff2", PreloadKind.Font, Type: "font/ttf"))));
        Assert.Contains("asset \"/index.html\": preload[0]: the font's type \"font/ttf\" is not its asset's media type \"font/woff2\"", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_on_a_link_that_is_not_a_font_is_refused()
    {
        var message = RefusalOf(Json(Site(new PreloadLink("/app.js", PreloadKind.Module, Type: "text/javascript"))));
        Assert.Contains("preload[0]: a module link has a type", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sha256-abc\r\nSet-Cookie: a=b")]
    [InlineData("md5-abc")]
    [InlineData("sha256-\"abc\"")]
    [InlineData("")]
    public void An_integrity_that_is_not_SRI_metadata_is_refused_so_it_never_reaches_a_header(string integrity)
    {
        var message = RefusalOf(Json(Site(new PreloadLink("/app.js", PreloadKind.Module, Integrity: integrity))));
        Assert.Contains("asset \"/index.html\": preload[0]: integrity", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_without_a_path_is_refused_naming_where()
    {
        var json = Json(Site(Links)).Replace("\"path\": \"/app.js\",", "", StringComparison.Ordinal);
        Assert.Contains("assets[0].preload[1] has no \"path\"", RefusalOf(json), StringComparison.Ordinal);
    }
}
