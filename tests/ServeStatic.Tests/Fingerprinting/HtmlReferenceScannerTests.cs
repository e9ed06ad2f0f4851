using ServeStatic.Fingerprinting;

namespace ServeStatic.Tests.Fingerprinting;

public class HtmlReferenceScannerTests
{
    private static List<(string Url, ReferenceRole Role)> Found(string html) =>
        HtmlReferenceScanner.Scan(html).Select(r => (r.Url, r.Role)).ToList();

    private static List<string> Urls(string html) => HtmlReferenceScanner.Scan(html).Select(r => r.Url).ToList();

    [Theory]
    [InlineData("<img src=\"a.png\">")]
    [InlineData("<img src='a.png'>")]
    [InlineData("<img src=a.png>")]
    [InlineData("<IMG SRC=\"a.png\" alt=\"x\">")]
    [InlineData("<script src=\"a.png\"></script>")]
    [InlineData("<script type=\"module\" src=\"a.png\"></script>")]
    [InlineData("<video poster=\"a.png\"></video>")]
    [InlineData("<source src=\"a.png\" type=\"video/webm\">")]
    [InlineData("<link rel=\"stylesheet\" href=\"a.png\">")]
    [InlineData("<link rel=preload href=a.png as=image>")]
    [InlineData("<link rel=\"modulepreload\" href=\"a.png\">")]
    [InlineData("<link rel=\"icon\" href=\"a.png\">")]
    [InlineData("<link rel=\"shortcut icon\" href=\"a.png\">")]
    [InlineData("<link rel=\"manifest\" href=\"a.png\">")]
    [InlineData("<link href=\"a.png\" rel=\"stylesheet\"/>")]
    [InlineData("<object data=\"a.png\"></object>")]
    [InlineData("<img src=\" a.png \">")]
    [InlineData("<svg><use href=\"a.png\"/></svg>")]
    [InlineData("<svg><image xlink:href=\"a.png\"/></svg>")]
    public void Each_resource_attribute_is_a_resource(string html) =>
        Assert.Equal([("a.png", ReferenceRole.Resource)], Found(html));

    [Theory]
    [InlineData("<a href=\"a.png\">x</a>")]
    [InlineData("<area href=\"a.png\">")]
    [InlineData("<link rel=\"canonical\" href=\"a.png\">")]
    [InlineData("<iframe src=\"a.png\"></iframe>")]
    public void Navigation_links_are_links(string html) =>
        Assert.Equal([("a.png", ReferenceRole.Link)], Found(html));

    [Fact]
    public void Srcset_yields_each_candidate_url() =>
        Assert.Equal(["a.png", "a-2x.png", "b,c.png"], Urls("<img srcset=\"a.png 1x, a-2x.png 2x,b,c.png 3x\" >"));

    [Fact]
    public void Srcset_with_width_descriptors_and_sizes_yields_each_url() =>
        Assert.Equal(["s.jpg", "m.jpg", "l.jpg"], Urls("<picture><source srcset=\"s.jpg 480w,m.jpg 800w, l.jpg 1200w\" sizes=\"(max-width: 600px) 480px, 800px\"></picture>"));

    [Fact]
    public void Link_imagesrcset_yields_each_url() =>
        Assert.Equal(["a.png", "b.png"], Urls("<link rel=preload as=image imagesrcset=\"a.png 1x, b.png 2x\">"));

    [Fact]
    public void Style_attributes_yield_their_urls_also_with_quotes_as_character_references() =>
        Assert.Equal(["a.png", "b.png", "c d.png"], Urls("<div style=\"background:url(a.png)\"></div><p style=\"background:url(&quot;b.png&quot;)\"></p><i style='background:url(\"c d.png\")'></i>"));

    [Fact]
    public void Style_elements_are_scanned_as_css() =>
        Assert.Equal(["a.css", "b.png"], Urls("<style>@import 'a.css'; /* url(no.png) */ body{background:url(b.png)}</style>"));

    [Fact]
    public void Inline_module_scripts_are_scanned_as_javascript_and_classic_ones_are_not() =>
        Assert.Equal(["./a.js"], Urls("<script type=\"module\">import './a.js'; const s = \"import './no.js'\";</script><script>import('./classic.js')</script>"));

    [Fact]
    public void Inline_import_maps_yield_their_addresses_not_their_keys()
    {
        const string html = "<script type=\"importmap\">{\"imports\":{\"app\":\"/js/app.js\",\"lib/\":\"/js/lib/\"},\"scopes\":{\"/x/\":{\"y\":\"./y.js\"}}}</script>";
        Assert.Equal([("/js/app.js", ReferenceRole.Module), ("/js/lib/", ReferenceRole.Module), ("./y.js", ReferenceRole.Module)], Found(html));
    }

    [Fact]
    public void Attributes_inside_comments_scripts_and_text_are_not_references() =>
        Assert.Equal(["real.png"], Urls("<!-- <img src=\"old.png\"> --><p>write &lt;img src=\"no.png\"&gt;</p><script>document.write('<img src=\"no2.png\">')</script><textarea><img src=\"no3.png\"></textarea><img src=real.png>"));

    [Fact]
    public void Character_references_in_attribute_values_are_decoded() =>
        Assert.Equal(["a.css?x=1&y=2"], Urls("<link rel=stylesheet href=\"a.css?x=1&amp;y=2\">"));

    [Fact]
    public void A_greater_than_sign_in_a_quoted_value_does_not_end_the_tag() =>
        Assert.Equal(["b.png"], Urls("<img alt=\"a > b\" src=\"b.png\">"));

    [Fact]
    public void Scripts_and_stylesheets_without_integrity_offer_a_place_for_one()
    {
        const string html = "<script src=\"a.js\"></script><link rel=stylesheet href=\"a.css\"/><link rel=icon href=\"i.png\"><script src=\"b.js\" integrity=\"sha256-x\"></script>";
        var references = HtmlReferenceScanner.Scan(html);
        Assert.Equal(html.IndexOf("></script>", StringComparison.Ordinal), references[0].IntegrityAt);
        Assert.Equal(html.IndexOf("/>", StringComparison.Ordinal), references[1].IntegrityAt);
        Assert.Equal(-1, references[2].IntegrityAt);
        Assert.Equal(-1, references[3].IntegrityAt);
    }

    [Fact]
    public void A_base_element_is_reported_as_the_base() =>
        Assert.Equal([("/sub/", ReferenceRole.Base)], Found("<base href=\"/sub/\">"));

    [Fact]
    public void A_repeated_attribute_is_dropped_as_html_parsers_do() =>
        Assert.Equal(["a.js"], Urls("<script src=\"a.js\" src=\"b.js\"></script>"));

    private static List<(string Url, ReferenceUse Use)> Uses(string html) => HtmlReferenceScanner.Scan(html).Select(r => (r.Url, r.Use)).ToList();

    [Theory]
    [InlineData("<link rel=stylesheet href=a.css>", nameof(ReferenceUse.Stylesheet))]
    [InlineData("<link rel=stylesheet href=a.css media=all>", nameof(ReferenceUse.Stylesheet))]
    [InlineData("<link rel=stylesheet href=a.css media=\"screen\">", nameof(ReferenceUse.Stylesheet))]
    [InlineData("<link rel=stylesheet href=a.css media=print>", nameof(ReferenceUse.Other))]
    [InlineData("<link rel=stylesheet href=a.css media=\"(min-width: 60em)\">", nameof(ReferenceUse.Other))]
    [InlineData("<link rel=\"alternate stylesheet\" href=a.css>", nameof(ReferenceUse.Other))]
    [InlineData("<link rel=stylesheet href=a.css disabled>", nameof(ReferenceUse.Other))]
    [InlineData("<script type=module src=a.js></script>", nameof(ReferenceUse.ModuleScript))]
    [InlineData("<link rel=modulepreload href=a.js>", nameof(ReferenceUse.ModuleScript))]
    [InlineData("<script src=a.js></script>", nameof(ReferenceUse.Other))]
    [InlineData("<img src=a.png>", nameof(ReferenceUse.Other))]
    public void A_tag_is_marked_with_how_it_loads_its_target(string html, string expected) =>
        Assert.Equal(expected, Assert.Single(HtmlReferenceScanner.Scan(html)).Use.ToString());

    [Fact]
    public void The_integrity_of_a_module_script_is_kept_as_written() =>
        Assert.Equal("sha384-abc", Assert.Single(HtmlReferenceScanner.Scan("<script type=module src=a.js integrity=\" sha384-abc \"></script>")).Integrity);

    [Fact]
    public void Inline_styles_and_modules_mark_their_imports_and_fonts_and_an_inline_import_map_its_addresses() =>
        Assert.Equal([("a.css", ReferenceUse.CssImport), ("f.woff2", ReferenceUse.FontFace), ("/lib/x.js", ReferenceUse.ImportMap), ("./m.js", ReferenceUse.StaticImport)],
            Uses("<style>@import 'a.css'; @font-face{src:url(f.woff2)}</style><script type=importmap>{\"imports\":{\"x\":\"/lib/x.js\"}}</script>"
                + "<script type=module>import './m.js';</script>"));
}
