using ServeStatic.Build;

namespace ServeStatic.Tests.Build;

public class MediaTypesTests
{
    [Theory]
    [InlineData("/app.js", "text/javascript; charset=utf-8")]
    [InlineData("/app.mjs", "text/javascript; charset=utf-8")]
    [InlineData("/index.html", "text/html; charset=utf-8")]
    [InlineData("/css/app.css", "text/css; charset=utf-8")]
    [InlineData("/robots.txt", "text/plain; charset=utf-8")]
    [InlineData("/img/logo.svg", "image/svg+xml; charset=utf-8")]
    [InlineData("/feed.xml", "application/xml; charset=utf-8")]
    [InlineData("/data.json", "application/json")]
    [InlineData("/site.webmanifest", "application/manifest+json")]
    [InlineData("/app.wasm", "application/wasm")]
    [InlineData("/fonts/a.woff2", "font/woff2")]
    [InlineData("/img/photo.avif", "image/avif")]
    [InlineData("/img/photo.webp", "image/webp")]
    [InlineData("/IMG/PHOTO.PNG", "image/png")]
    [InlineData("/favicon.ico", "image/vnd.microsoft.icon")]
    [InlineData("/video.mp4", "video/mp4")]
    [InlineData("/paper.pdf", "application/pdf")]
    [InlineData("/file.unknownext", "application/octet-stream")]
    [InlineData("/LICENSE", "application/octet-stream")]
    public void A_file_is_typed_by_its_extension(string path, string contentType) =>
        Assert.Equal(contentType, new MediaTypes().ContentTypeFor(path));

    [Fact]
    public void Extra_mappings_add_types_and_override_the_table()
    {
        var types = new MediaTypes(new Dictionary<string, string> { [".gpx"] = "application/gpx+xml", [".JSON"] = "text/json" });
        Assert.Equal("application/gpx+xml; charset=utf-8", types.ContentTypeFor("/route.gpx"));
        Assert.Equal("text/json; charset=utf-8", types.ContentTypeFor("/a.json"));
    }

    [Theory]
    [InlineData("gpx", "application/gpx+xml", "the extension must look like")]
    [InlineData(".gpx", "gpx", "is not a type/subtype")]
    [InlineData(".gpx", "text/plain; charset=latin1", "is not a type/subtype")]
    public void A_malformed_extra_mapping_is_refused(string extension, string mediaType, string problem)
    {
        var e = Assert.Throws<BuildException>(() => new MediaTypes(new Dictionary<string, string> { [extension] = mediaType }));
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/html; charset=utf-8", true)]
    [InlineData("image/svg+xml; charset=utf-8", true)]
    [InlineData("image/vnd.microsoft.icon", true)]
    [InlineData("image/bmp", true)]
    [InlineData("application/wasm", true)]
    [InlineData("application/octet-stream", true)]
    [InlineData("font/ttf", true)]
    [InlineData("image/png", false)]
    [InlineData("image/avif", false)]
    [InlineData("font/woff2", false)]
    [InlineData("video/mp4", false)]
    [InlineData("audio/mpeg", false)]
    [InlineData("application/zip", false)]
    [InlineData("application/pdf", false)]
    public void Already_compressed_types_are_not_worth_compressing(string contentType, bool compressible) =>
        Assert.Equal(compressible, MediaTypes.IsCompressible(contentType));
}
