using ServeStatic.Fingerprinting;

namespace ServeStatic.Tests.Fingerprinting;

public class CssReferenceScannerTests
{
    private static List<string> Urls(string css) => CssReferenceScanner.Scan(css).Select(r => r.Url).ToList();

    private static List<string> RawTexts(string css) => CssReferenceScanner.Scan(css).Select(r => css.Substring(r.Start, r.Length)).ToList();

    [Theory]
    [InlineData("a{background:url(img/a.png)}", "img/a.png")]
    [InlineData("a{background:url('img/a.png')}", "img/a.png")]
    [InlineData("a{background:url(\"img/a.png\")}", "img/a.png")]
    [InlineData("a{background:url(  img/a.png  )}", "img/a.png")]
    [InlineData("a{background:URL(img/a.png)}", "img/a.png")]
    [InlineData("a{background:url( \"img/a.png\" )}", "img/a.png")]
    [InlineData("@font-face{src:url(../fonts/f.woff2?v=3#iefix) format(\"woff2\")}", "../fonts/f.woff2?v=3#iefix")]
    [InlineData("a{mask:url(sprite.svg#icon)}", "sprite.svg#icon")]
    public void Url_functions_are_found_quoted_unquoted_and_with_query_or_fragment(string css, string expected) =>
        Assert.Equal([expected], Urls(css));

    [Theory]
    [InlineData("@import \"base.css\";", "base.css")]
    [InlineData("@import 'base.css';", "base.css")]
    [InlineData("@import url(base.css);", "base.css")]
    [InlineData("@import url(\"base.css\") screen and (min-width: 40em);", "base.css")]
    [InlineData("@import \"print.css\" print;", "print.css")]
    [InlineData("@import 'theme.css' layer(theme) supports(display: grid) screen;", "theme.css")]
    [InlineData("@IMPORT \"base.css\";", "base.css")]
    public void Imports_are_found_with_strings_urls_and_media_queries(string css, string expected) =>
        Assert.Equal([expected], Urls(css));

    [Fact]
    public void A_url_inside_a_comment_is_not_a_reference() =>
        Assert.Equal(["real.png"], Urls("/* a{background:url(old.png)} @import 'x.css'; */ a{background:url(real.png)}"));

    [Fact]
    public void A_url_inside_a_string_is_not_a_reference() =>
        Assert.Equal(["real.png"], Urls("a::before{content:\"url(fake.png)\"} b{background:url(real.png)}"));

    [Fact]
    public void An_escaped_quote_does_not_end_a_string() =>
        Assert.Equal(["real.png"], Urls("a::before{content:\"say \\\" url(fake.png) \\\"\"} b{background:url(real.png)}"));

    [Fact]
    public void An_escaped_quote_inside_a_quoted_url_is_part_of_the_url() =>
        Assert.Equal(["it's.png"], Urls("a{background:url('it\\'s.png')}"));

    [Fact]
    public void Css_escapes_in_a_url_are_undone() =>
        Assert.Equal(["a b.png", "é.png"], Urls("a{background:url(a\\ b.png)} b{background:url('\\e9 .png')}"));

    [Fact]
    public void A_string_that_is_not_after_import_is_not_a_reference() =>
        Assert.Empty(Urls("@charset \"utf-8\"; a{font-family:\"x.woff\"; quotes:'a.png' 'b'}"));

    [Fact]
    public void Strings_inside_image_set_are_references() =>
        Assert.Equal(["a.png", "a@2x.png"], Urls("a{background-image:image-set(\"a.png\" 1x, \"a@2x.png\" 2x)}"));

    [Fact]
    public void A_function_whose_name_ends_in_url_is_not_url() =>
        Assert.Empty(Urls("a{--x:myurl(a.png)}"));

    [Fact]
    public void A_source_mapping_comment_is_found() =>
        Assert.Equal(["app.css.map"], Urls("a{}\n/*# sourceMappingURL=app.css.map */\n"));

    [Fact]
    public void Minified_css_on_one_line_yields_every_reference_in_order()
    {
        const string css = "@import url(a.css) print;@import \"b.css\";a{background:url(x.png)}/*url(no.png)*/b{background:url('y.svg#i')}c::after{content:'url(no2.png)'}@font-face{src:url(f.woff2)format('woff2'),url(f.woff)format('woff')}";
        Assert.Equal(["a.css", "b.css", "x.png", "y.svg#i", "f.woff2", "f.woff"], Urls(css));
    }

    [Fact]
    public void The_span_of_a_reference_is_its_raw_text_without_quotes_or_padding() =>
        Assert.Equal(["a.png", "b\\ c.png", "d.png"], RawTexts("x{background:url( a.png )} y{background:url(b\\ c.png)} z{background:url(\"d.png\")}"));

    [Fact]
    public void An_unterminated_comment_or_url_ends_the_scan_without_error()
    {
        Assert.Empty(Urls("a{} /* url(a.png)"));
        Assert.Equal(["a.png"], Urls("a{background:url(a.png"));
    }

    private static List<(string Url, ReferenceUse Use)> Uses(string css) => CssReferenceScanner.Scan(css).Select(r => (r.Url, r.Use)).ToList();

    [Fact]
    public void Imports_are_marked_as_css_imports_with_strings_and_urls() =>
        Assert.Equal([("a.css", ReferenceUse.CssImport), ("b.css", ReferenceUse.CssImport), ("c.png", ReferenceUse.Other)],
            Uses("@import 'a.css'; @import url(b.css) print; p{background:url(c.png)}"));

    [Fact]
    public void Only_the_first_url_of_each_font_face_rule_is_marked_as_its_font() =>
        Assert.Equal([("a.woff2", ReferenceUse.FontFace), ("a.woff", ReferenceUse.Other), ("b.woff2", ReferenceUse.FontFace), ("p.png", ReferenceUse.Other)],
            Uses("@font-face{font-family:a;src:local(A),url(a.woff2) format('woff2'),url(a.woff) format('woff')}"
                + "@media screen{@font-face{src:url(b.woff2)}} p{background:url(p.png)}"));
}
