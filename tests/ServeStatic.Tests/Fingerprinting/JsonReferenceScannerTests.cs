using System.Text;
using ServeStatic.Fingerprinting;

namespace ServeStatic.Tests.Fingerprinting;

public class JsonReferenceScannerTests
{
    [Fact]
    public void A_source_map_yields_its_sources_and_file()
    {
        var json = Encoding.UTF8.GetBytes("{\"version\":3,\"file\":\"app.js\",\"sources\":[\"app.ts\",\"lib/u.ts\"],\"names\":[\"app.js\"],\"mappings\":\"AAAA\"}");
        var found = SourceMapScanner.Scan(json);
        Assert.Equal(["app.js", "app.ts", "lib/u.ts"], found.Select(r => r.Url));
        Assert.All(found, r => Assert.Equal(ReferenceRole.Link, r.Role));
        Assert.Equal("lib/u.ts", Encoding.UTF8.GetString(json, found[2].Start, found[2].Length));
    }

    [Fact]
    public void Source_map_sources_resolve_under_the_source_root() =>
        Assert.Equal(["../src/app.ts"], SourceMapScanner.Scan("{\"version\":3,\"sourceRoot\":\"../src\",\"sources\":[\"app.ts\"],\"mappings\":\"\"}"u8).Select(r => r.Url));

    [Fact]
    public void A_web_manifest_yields_the_src_of_icons_screenshots_and_shortcut_icons()
    {
        var json = "{\"name\":\"x.png\",\"icons\":[{\"src\":\"i/192.png\",\"sizes\":\"192x192\"}],\"screenshots\":[{\"src\":\"s.png\"}],\"shortcuts\":[{\"name\":\"n\",\"url\":\"/n\",\"icons\":[{\"src\":\"i/n.png\"}]}]}"u8;
        Assert.Equal(["i/192.png", "s.png", "i/n.png"], WebManifestScanner.Scan(json).Select(r => r.Url));
    }

    [Fact]
    public void A_json_string_with_escapes_reports_its_raw_span()
    {
        var json = Encoding.UTF8.GetBytes("{\"icons\":[{\"src\":\"i\\/a.png\"}]}");
        var reference = Assert.Single(WebManifestScanner.Scan(json));
        Assert.Equal("i/a.png", reference.Url);
        Assert.Equal("i\\/a.png", Encoding.UTF8.GetString(json, reference.Start, reference.Length));
    }

    [Fact]
    public void A_byte_order_mark_does_not_shift_offsets()
    {
        var json = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\"icons\":[{\"src\":\"a.png\"}]}")).ToArray();
        var reference = Assert.Single(WebManifestScanner.Scan(json));
        Assert.Equal("a.png", Encoding.UTF8.GetString(json, reference.Start, reference.Length));
    }

    [Fact]
    public void A_document_that_is_not_json_has_no_references() =>
        Assert.Empty(SourceMapScanner.Scan("{\"sources\":[\"a.ts\""u8));
}
