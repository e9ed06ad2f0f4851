using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ServeStatic.Fingerprinting;

namespace ServeStatic.Tests.Fingerprinting;

public class FingerprinterTests
{
    private static FingerprintResult Run(FingerprintOptions options, params (string Path, string Content)[] files) =>
        Fingerprinter.Run([.. files.Select(f => new FingerprintInput(f.Path, Encoding.UTF8.GetBytes(f.Content)))], options);

    private static FingerprintResult Run(params (string Path, string Content)[] files) => Run(new FingerprintOptions(), files);

    private static FingerprintedFile File(FingerprintResult result, string path) => result.Files.Single(f => f.Path == path);

    private static string Text(FingerprintResult result, string path) => Encoding.UTF8.GetString(File(result, path).Content.Span);

    private static string Named(FingerprintResult result, string path) => File(result, path).FingerprintedPath!;

    private static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..10];

    [Fact]
    public void A_file_is_named_with_the_first_ten_hex_digits_of_the_sha256_of_its_content()
    {
        var result = Run(("/css/app.css", "a{}"), ("/js/jquery.min.js", "x"), ("/LICENSE", "l"));
        Assert.Equal($"/css/app.{Hash("a{}")}.css", Named(result, "/css/app.css"));
        Assert.Equal($"/js/jquery.min.{Hash("x")}.js", Named(result, "/js/jquery.min.js"));
        Assert.Equal($"/LICENSE.{Hash("l")}", Named(result, "/LICENSE"));
        Assert.Matches("^/css/app\\.[0-9a-f]{10}\\.css$", Named(result, "/css/app.css"));
    }

    [Fact]
    public void Html_pages_well_known_files_and_entry_points_keep_their_names_only()
    {
        var result = Run(new FingerprintOptions { EntryPoints = ["sw.js", "embed/**"] },
            ("/index.html", "<p>"), ("/docs/a.htm", "<p>"), ("/.well-known/security.txt", "x"), ("/sw.js", "x"), ("/embed/w.js", "x"), ("/app.js", "x"));
        Assert.Null(File(result, "/index.html").FingerprintedPath);
        Assert.Null(File(result, "/docs/a.htm").FingerprintedPath);
        Assert.Null(File(result, "/.well-known/security.txt").FingerprintedPath);
        Assert.Null(File(result, "/sw.js").FingerprintedPath);
        Assert.Null(File(result, "/embed/w.js").FingerprintedPath);
        Assert.NotNull(File(result, "/app.js").FingerprintedPath);
    }

    [Fact]
    public void Entry_points_are_site_path_globs_the_dialect_of_exclude_and_header_rules()
    {
        var result = Run(new FingerprintOptions { EntryPoints = ["*.js", "embed/"] },
            ("/sw.js", "s"), ("/js/deep/app.js", "a"), ("/embed/w.css", "w{}"), ("/app.css", "a{}"));
        Assert.Null(File(result, "/sw.js").FingerprintedPath);
        Assert.Null(File(result, "/js/deep/app.js").FingerprintedPath);
        Assert.Null(File(result, "/embed/w.css").FingerprintedPath);
        Assert.NotNull(File(result, "/app.css").FingerprintedPath);
    }

    [Fact]
    public void References_are_rewritten_keeping_their_form_query_and_fragment()
    {
        var result = Run(
            ("/img/a.png", "PNG"),
            ("/css/app.css", "a{background:url(../img/a.png?v=1#x)} b{background:url('/img/a.png')} c{background:url(\"https://x.test/a.png\")}"));
        var image = Hash("PNG");
        Assert.Equal($"a{{background:url(../img/a.{image}.png?v=1#x)}} b{{background:url('/img/a.{image}.png')}} c{{background:url(\"https://x.test/a.png\")}}",
            Text(result, "/css/app.css"));
    }

    [Fact]
    public void The_original_url_serves_the_same_rewritten_content_as_the_fingerprinted_one()
    {
        var result = Run(("/img/a.png", "PNG"), ("/css/app.css", "a{background:url(../img/a.png)}"));
        var css = File(result, "/css/app.css");
        Assert.Equal($"/css/app.{Hash(Text(result, "/css/app.css"))}.css", css.FingerprintedPath);
    }

    [Fact]
    public void A_changed_image_changes_the_name_of_the_css_that_uses_it_and_the_html_that_links_that()
    {
        (string, string)[] Site(string image) =>
            [("/img/a.png", image), ("/css/app.css", "a{background:url(../img/a.png)}"), ("/index.html", "<link rel=stylesheet href=css/app.css>")];
        var before = Run(Site("one"));
        var after = Run(Site("two"));
        Assert.NotEqual(Named(before, "/css/app.css"), Named(after, "/css/app.css"));
        Assert.Equal($"<link rel=stylesheet href=css/app.{Named(after, "/css/app.css").Split('.')[1]}.css>", Text(after, "/index.html"));
        Assert.NotEqual(Text(before, "/index.html"), Text(after, "/index.html"));
    }

    [Fact]
    public void Javascript_modules_are_rewritten_through_a_chain_of_imports_and_strings_are_left_alone()
    {
        var result = Run(
            ("/js/util.js", "export const x = 1;"),
            ("/js/lib.js", "export * from './util.js';"),
            ("/js/main.js", "import { x } from './lib.js'; const s = \"import './lib.js'\"; import('./lib.js'); import 'lodash';"));
        var lib = Named(result, "/js/lib.js")[4..];
        Assert.Equal($"export * from './{Named(result, "/js/util.js")[4..]}';", Text(result, "/js/lib.js"));
        Assert.Equal($"import {{ x }} from './{lib}'; const s = \"import './lib.js'\"; import('./{lib}'); import 'lodash';", Text(result, "/js/main.js"));
    }

    [Fact]
    public void Html_references_are_rewritten_and_navigation_to_pages_is_not()
    {
        var result = Run(
            ("/a.png", "A"), ("/b.png", "B"), ("/app.js", "x"), ("/about/index.html", "<p>"),
            ("/index.html", "<img src=\"a.png\" srcset=\"a.png 1x, b.png 2x\"><script type=module src=/app.js></script><a href=\"about/\">about</a><a href=\"/about/index.html\">x</a><div style=\"background:url(&quot;b.png&quot;)\"></div>"));
        var a = Named(result, "/a.png")[1..];
        var b = Named(result, "/b.png")[1..];
        Assert.Equal($"<img src=\"{a}\" srcset=\"{a} 1x, {b} 2x\"><script type=module src={Named(result, "/app.js")}></script><a href=\"about/\">about</a><a href=\"/about/index.html\">x</a><div style=\"background:url(&quot;{b}&quot;)\"></div>",
            Text(result, "/index.html"));
    }

    [Fact]
    public void An_inline_import_map_points_its_addresses_at_fingerprinted_files_and_keeps_its_keys()
    {
        var result = Run(("/js/app.js", "x"), ("/index.html", "<script type=importmap>{\"imports\":{\"app\":\"/js/app.js\",\"/js/app.js\":\"/js/app.js\"}}</script>"));
        var app = Named(result, "/js/app.js");
        Assert.Equal($"<script type=importmap>{{\"imports\":{{\"app\":\"{app}\",\"/js/app.js\":\"{app}\"}}}}</script>", Text(result, "/index.html"));
    }

    [Fact]
    public void A_base_element_changes_what_relative_references_resolve_against()
    {
        var result = Run(("/sub/a.png", "A"), ("/index.html", "<base href=\"/sub/\"><img src=\"a.png\">"));
        Assert.Equal($"<base href=\"/sub/\"><img src=\"{Named(result, "/sub/a.png")[5..]}\">", Text(result, "/index.html"));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Source_maps_and_their_comments_stay_consistent()
    {
        var result = Run(
            ("/js/app.ts", "export const a: number = 1;"),
            ("/js/app.js", "export const a = 1;\n//# sourceMappingURL=app.js.map\n"),
            ("/js/app.js.map", "{\"version\":3,\"file\":\"app.js\",\"sources\":[\"app.ts\"],\"mappings\":\"AAAA\"}"));
        var js = Named(result, "/js/app.js")[4..];
        var map = Named(result, "/js/app.js.map")[4..];
        Assert.Equal($"export const a = 1;\n//# sourceMappingURL={map}\n", Text(result, "/js/app.js"));
        Assert.Equal($"{{\"version\":3,\"file\":\"{js}\",\"sources\":[\"{Named(result, "/js/app.ts")[4..]}\"],\"mappings\":\"AAAA\"}}", Text(result, "/js/app.js.map"));
    }

    [Fact]
    public void Web_manifest_icons_are_rewritten()
    {
        var result = Run(("/icons/192.png", "I"), ("/site.webmanifest", "{\"name\":\"x\",\"icons\":[{\"src\":\"icons/192.png\",\"sizes\":\"192x192\"}]}"));
        Assert.Equal($"{{\"name\":\"x\",\"icons\":[{{\"src\":\"{Named(result, "/icons/192.png")[1..]}\",\"sizes\":\"192x192\"}}]}}", Text(result, "/site.webmanifest"));
    }

    [Fact]
    public void Css_files_importing_each_other_share_one_name_hash_and_reference_each_others_final_names()
    {
        var result = Run(
            ("/css/a.css", "@import 'b.css'; a{background:url(x.png)}"),
            ("/css/b.css", "@import url(a.css) print; b{}"),
            ("/css/x.png", "X"));
        var a = Named(result, "/css/a.css");
        var b = Named(result, "/css/b.css");
        Assert.Equal(a.Split('.')[1], b.Split('.')[1]);
        Assert.Equal($"@import '{b[5..]}'; a{{background:url({Named(result, "/css/x.png")[5..]})}}", Text(result, "/css/a.css"));
        Assert.Equal($"@import url({a[5..]}) print; b{{}}", Text(result, "/css/b.css"));
    }

    [Fact]
    public void A_cycle_is_named_by_the_hash_of_its_members_with_the_references_inside_it_left_as_written()
    {
        // The documented rule: SHA-256 over, for each member in path order, its UTF-8 path, a zero byte, its normalised
        // length (8 bytes, big-endian) and its normalised content; the first ten hex digits name every member.
        const string a = "import './b.js'; export const a = 1;";
        const string b = "import './a.js'; export const b = 2;";
        var result = Run(("/a.js", a), ("/b.js", b));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, content) in new[] { ("/a.js", a), ("/b.js", b) })
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path));
            hash.AppendData([0]);
            hash.AppendData(BitConverter.GetBytes((long)content.Length).Reverse().ToArray());
            hash.AppendData(Encoding.UTF8.GetBytes(content));
        }
        var expected = Convert.ToHexStringLower(hash.GetHashAndReset())[..10];
        Assert.Equal($"/a.{expected}.js", Named(result, "/a.js"));
        Assert.Equal($"/b.{expected}.js", Named(result, "/b.js"));
    }

    [Fact]
    public void A_change_to_any_member_of_a_cycle_renames_every_member_and_what_depends_on_it()
    {
        (string, string)[] Site(string extra) =>
            [("/a.js", "import './b.js';"), ("/b.js", "import './a.js';" + extra), ("/main.js", "import './a.js';"), ("/other.js", "export {};")];
        var before = Run(Site(""));
        var after = Run(Site(" // changed"));
        Assert.NotEqual(Named(before, "/a.js"), Named(after, "/a.js"));
        Assert.NotEqual(Named(before, "/b.js"), Named(after, "/b.js"));
        Assert.NotEqual(Named(before, "/main.js"), Named(after, "/main.js"));
        Assert.Equal(Named(before, "/other.js"), Named(after, "/other.js"));
    }

    [Fact]
    public void A_module_importing_itself_terminates_with_a_stable_name()
    {
        var result = Run(("/self.js", "import './self.js'; export const a = 1;"));
        var name = Named(result, "/self.js");
        Assert.Equal($"import '.{name}'; export const a = 1;", Text(result, "/self.js"));
        Assert.Equal(name, Named(Run(("/self.js", "import './self.js'; export const a = 1;")), "/self.js"));
    }

    [Fact]
    public void A_three_file_cycle_with_a_tail_resolves_every_reference()
    {
        var result = Run(
            ("/a.js", "import './b.js';"), ("/b.js", "import './c.js'; import './leaf.js';"), ("/c.js", "import './a.js';"), ("/leaf.js", "export {};"),
            ("/index.html", "<script type=module src=a.js></script>"));
        foreach (var file in result.Files.Where(f => !f.Generated))
        {
            var text = Encoding.UTF8.GetString(file.Content.Span);
            foreach (var other in new[] { "a", "b", "c", "leaf" })
                Assert.DoesNotContain($"/{other}.js'", text, StringComparison.Ordinal);
        }
        Assert.Contains(Named(result, "/a.js")[1..], Text(result, "/index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_reference_is_a_warning_naming_the_file_and_the_reference_and_stays_as_written()
    {
        var result = Run(("/css/app.css", "a{background:url(../img/gone.png)}"), ("/js/m.js", "import './nope.js';"));
        Assert.Equal("a{background:url(../img/gone.png)}", Text(result, "/css/app.css"));
        Assert.Equal(2, result.Warnings.Count);
        Assert.Equal(("/css/app.css", "../img/gone.png"), (result.Warnings[0].File, result.Warnings[0].Reference));
        Assert.Equal("/css/app.css: '../img/gone.png' names /img/gone.png, which is not in the site", result.Warnings[0].ToString());
        Assert.Equal(("/js/m.js", "./nope.js"), (result.Warnings[1].File, result.Warnings[1].Reference));
    }

    [Fact]
    public void A_missing_reference_in_strict_mode_fails_naming_the_file_and_the_reference()
    {
        var e = Assert.Throws<FingerprintException>(() => Run(new FingerprintOptions { Strict = true },
            ("/index.html", "<img src=\"missing.png\">"), ("/css/a.css", "a{background:url(../../up.png)}")));
        Assert.Equal(2, e.Problems.Count);
        Assert.Contains("/index.html: 'missing.png' names /missing.png, which is not in the site", e.Message, StringComparison.Ordinal);
        Assert.Contains("/css/a.css: '../../up.png' climbs above the site root", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_mode_accepts_a_site_whose_references_all_resolve()
    {
        var result = Run(new FingerprintOptions { Strict = true }, ("/a.png", "A"), ("/index.html", "<img src=a.png><a href=\"/api/login\">x</a>"));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Links_to_missing_pages_and_missing_source_map_sources_are_not_reported()
    {
        var result = Run(new FingerprintOptions { Strict = true },
            ("/index.html", "<a href=\"/api/login\">x</a><link rel=canonical href=/elsewhere>"),
            ("/app.js.map", "{\"version\":3,\"sources\":[\"../src/app.ts\"],\"mappings\":\"\"}"));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_reference_whose_extension_is_escaped_is_reported_and_left_alone()
    {
        var result = Run(("/a.png", "A"), ("/x.css", "a{background:url(a\\2e png)}"));
        Assert.Equal("a{background:url(a\\2e png)}", Text(result, "/x.css"));
        Assert.Contains("cannot be rewritten", Assert.Single(result.Warnings).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Subresource_integrity_is_added_to_scripts_and_stylesheets_that_point_at_fingerprinted_files()
    {
        var result = Run(new FingerprintOptions { SubresourceIntegrity = true },
            ("/app.js", "x"), ("/app.css", "a{}"), ("/sw.js", "s"),
            ("/index.html", "<link rel=stylesheet href=app.css><script src=\"app.js\" defer></script><script src=\"https://cdn.test/x.js\"></script><script src=\"app.js\" integrity=\"sha256-mine\"></script>"));
        var js = File(result, "/app.js");
        var css = File(result, "/app.css");
        string Integrity(FingerprintedFile f) => "sha256-" + Convert.ToBase64String(SHA256.HashData(f.Content.Span));
        Assert.Equal(
            $"<link rel=stylesheet href={css.FingerprintedPath![1..]} integrity=\"{Integrity(css)}\"><script src=\"{js.FingerprintedPath![1..]}\" defer integrity=\"{Integrity(js)}\"></script><script src=\"https://cdn.test/x.js\"></script><script src=\"{js.FingerprintedPath[1..]}\" integrity=\"sha256-mine\"></script>",
            Text(result, "/index.html"));
    }

    [Fact]
    public void Subresource_integrity_is_not_added_to_a_script_that_keeps_its_name()
    {
        var result = Run(new FingerprintOptions { SubresourceIntegrity = true, EntryPoints = ["sw.js"] }, ("/sw.js", "s"), ("/index.html", "<script src=\"sw.js\"></script>"));
        Assert.Equal("<script src=\"sw.js\"></script>", Text(result, "/index.html"));
    }

    [Fact]
    public void The_manifest_maps_every_path_to_its_url_size_and_integrity()
    {
        var result = Run(("/css/app.css", "a{}"), ("/index.html", "<p>"));
        using var manifest = JsonDocument.Parse(File(result, Fingerprinter.ManifestPath).Content);
        Assert.Equal(1, manifest.RootElement.GetProperty("version").GetInt32());
        var css = manifest.RootElement.GetProperty("files").GetProperty("/css/app.css");
        Assert.Equal(Named(result, "/css/app.css"), css.GetProperty("url").GetString());
        Assert.Equal(3, css.GetProperty("size").GetInt64());
        Assert.Equal("sha256-" + Convert.ToBase64String(SHA256.HashData("a{}"u8)), css.GetProperty("integrity").GetString());
        Assert.Equal("/index.html", manifest.RootElement.GetProperty("files").GetProperty("/index.html").GetProperty("url").GetString());
        Assert.True(File(result, Fingerprinter.ManifestPath).Generated);
    }

    [Fact]
    public void The_import_map_maps_each_module_url_to_its_fingerprinted_url_with_integrity()
    {
        var result = Run(("/js/app.js", "x"), ("/js/util.mjs", "y"), ("/css/app.css", "a{}"), ("/sw.js", "s"));
        using var map = JsonDocument.Parse(File(result, Fingerprinter.ImportMapPath).Content);
        var imports = map.RootElement.GetProperty("imports");
        Assert.Equal(["/js/app.js", "/js/util.mjs", "/sw.js"], imports.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Named(result, "/js/app.js"), imports.GetProperty("/js/app.js").GetString());
        Assert.Equal("sha256-" + Convert.ToBase64String(SHA256.HashData("x"u8)),
            map.RootElement.GetProperty("integrity").GetProperty(Named(result, "/js/app.js")).GetString());
    }

    [Fact]
    public void A_site_file_where_a_generated_file_goes_is_refused()
    {
        var e = Assert.Throws<FingerprintException>(() => Run(("/importmap.json", "{}")));
        Assert.Contains("/importmap.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_site_gives_the_same_names_and_bytes_whatever_the_input_order()
    {
        (string, string)[] site =
        [
            ("/a.js", "import './b.js';"), ("/b.js", "import './a.js'; import './c.js';"), ("/c.js", "export {};"),
            ("/css/a.css", "@import 'b.css'; a{background:url(../i.png)}"), ("/css/b.css", "@import 'a.css';"), ("/i.png", "I"),
            ("/index.html", "<link rel=stylesheet href=css/a.css><script type=module src=a.js></script>"),
        ];
        var options = new FingerprintOptions { SubresourceIntegrity = true };
        var first = Run(options, site);
        var second = Run(options, [.. site.Reverse()]);
        Assert.Equal(first.Files.Select(f => (f.Path, f.FingerprintedPath)), second.Files.Select(f => (f.Path, f.FingerprintedPath)));
        Assert.Equal(first.Files.Select(f => Convert.ToHexString(f.Content.Span)), second.Files.Select(f => Convert.ToHexString(f.Content.Span)));
    }

    [Fact]
    public void Bytes_a_rewrite_does_not_touch_are_kept_even_when_they_are_not_utf8()
    {
        byte[] css = [.. "a{content:\""u8, 0xE9, 0xFF, .. "\"} b{background:url(a.png)}"u8];
        var result = Fingerprinter.Run([new FingerprintInput("/x.css", css), new FingerprintInput("/a.png", "A"u8.ToArray())], new FingerprintOptions());
        var expected = (byte[])[.. "a{content:\""u8, 0xE9, 0xFF, .. Encoding.ASCII.GetBytes($"\"}} b{{background:url({Named(result, "/a.png")[1..]})}}")];
        Assert.Equal(expected, File(result, "/x.css").Content.ToArray());
    }

    [Fact]
    public void A_reference_with_non_ascii_and_percent_escapes_is_rewritten_in_place()
    {
        var result = Run(("/img/café.png", "C"), ("/img/my file.png", "M"), ("/x.css", "a{background:url(img/café.png)} b{background:url(img/my%20file.png)}"));
        Assert.Equal($"a{{background:url(img/café.{Hash("C")}.png)}} b{{background:url(img/my%20file.{Hash("M")}.png)}}", Text(result, "/x.css"));
    }

    [Fact]
    public void A_file_given_by_its_digest_alone_is_named_and_listed_from_the_digest()
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData("PNG"u8));
        var result = Fingerprinter.Run(
            [new FingerprintInput("/a.png", default, new FileDigest(sha256, 3)), new FingerprintInput("/x.css", "a{background:url(a.png)}"u8.ToArray())],
            new FingerprintOptions());
        Assert.Equal($"/a.{sha256[..10]}.png", Named(result, "/a.png"));
        Assert.Equal($"a{{background:url(a.{sha256[..10]}.png)}}", Text(result, "/x.css"));
        Assert.False(File(result, "/a.png").Rewritten);
        using var manifest = JsonDocument.Parse(File(result, Fingerprinter.ManifestPath).Content);
        var entry = manifest.RootElement.GetProperty("files").GetProperty("/a.png");
        Assert.Equal(3, entry.GetProperty("size").GetInt64());
        Assert.Equal("sha256-" + Convert.ToBase64String(SHA256.HashData("PNG"u8)), entry.GetProperty("integrity").GetString());
    }

    [Fact]
    public void A_file_that_is_read_for_references_cannot_be_given_by_its_digest_alone()
    {
        Assert.True(Fingerprinter.ReadsContent("/x.css"));
        Assert.False(Fingerprinter.ReadsContent("/a.png"));
        Assert.Throws<ArgumentException>(() => Fingerprinter.Run([new FingerprintInput("/x.css", default, new FileDigest(new string('0', 64), 0))], new FingerprintOptions()));
    }

    [Fact]
    public void Only_files_whose_bytes_changed_are_marked_rewritten()
    {
        var result = Run(("/a.png", "A"), ("/x.css", "a{background:url(a.png)}"), ("/y.css", "a{background:url(https://x.test/a.png)}"), ("/index.html", "<p>"));
        Assert.True(File(result, "/x.css").Rewritten);
        Assert.False(File(result, "/y.css").Rewritten);
        Assert.False(File(result, "/a.png").Rewritten);
        Assert.False(File(result, "/index.html").Rewritten);
    }

    [Fact]
    public void Integrity_goes_at_the_end_of_a_tag_whose_later_attributes_are_rewritten_too()
    {
        var result = Run(new FingerprintOptions { SubresourceIntegrity = true }, ("/a.css", "a{}"), ("/i.png", "I"),
            ("/index.html", "<link rel=stylesheet href=a.css imagesrcset=\"i.png 1x\"><link rel=stylesheet href=a.css/>"));
        var css = File(result, "/a.css");
        var integrity = "sha256-" + Convert.ToBase64String(SHA256.HashData(css.Content.Span));
        Assert.Equal($"<link rel=stylesheet href={css.FingerprintedPath![1..]} imagesrcset=\"{Named(result, "/i.png")[1..]} 1x\" integrity=\"{integrity}\"><link rel=stylesheet href=a.css/>",
            Text(result, "/index.html"));
        Assert.Contains("/a.css/", Assert.Single(result.Warnings).Problem, StringComparison.Ordinal);
    }
}
