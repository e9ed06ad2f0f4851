using System.Net;
using System.Text.RegularExpressions;
using ServeStatic.Build;
using ServeStatic.Fingerprinting;
using ServeStatic.Index;
using ServeStatic.Serving;

namespace ServeStatic.Tests.Serving;

/// <summary>
/// Preload hints (docs/preload-hints.md): a site built into a real release folder, served by Kestrel on 127.0.0.1; each
/// test reads the <c>Link</c> header an HTML page is answered with.
/// </summary>
public sealed class PreloadHintTests : IDisposable
{
    private readonly TempSite _site = new();

    public void Dispose() => _site.Dispose();

    /// <summary>
    /// A page with two stylesheets (one importing another and both with fonts), one for print, an external one, a module
    /// whose static imports reach three more (one twice), a dynamic import, a classic script, and an image.
    /// </summary>
    private void WriteSite()
    {
        _site.Write("index.html", """
            <!doctype html>
            <link rel="stylesheet" href="css/app.css">
            <link rel="stylesheet" href="css/print.css" media="print">
            <link rel="stylesheet" href="https://cdn.example.com/x.css">
            <link rel="icon" href="img/logo.png">
            <script src="js/classic.js"></script>
            <script type="module" src="/js/app.js"></script>
            <img src="img/logo.png">
            """);
        _site.Write("css/app.css", """
            @import "base.css";
            @font-face { font-family: A; src: url(../fonts/a.woff2) format("woff2"), url(../fonts/a.woff) format("woff"); }
            body { background: url(../img/logo.png), url("data:image/gif;base64,R0lGODlhAQABAAAAACw="); }
            """);
        _site.Write("css/base.css", "@font-face { font-family: B; src: url('../fonts/b.woff2'); }");
        _site.Write("css/print.css", "body { color: black }");
        _site.Write("js/app.js", "import { a } from './lib/a.js';\nexport * from './lib/b.js';\nimport('./lazy.js');\n");
        _site.Write("js/lib/a.js", "import './c.js';\nexport const a = 1;\n");
        _site.Write("js/lib/b.js", "import './c.js';\nexport const b = 2;\n");
        _site.Write("js/lib/c.js", "export const c = 3;\n");
        _site.Write("js/lazy.js", "export const lazy = 4;\n");
        _site.Write("js/classic.js", "var x = 1;\n");
        _site.Write("fonts/a.woff2", "woff2 a");
        _site.Write("fonts/a.woff", "woff a");
        _site.Write("fonts/b.woff2", "woff2 b");
        _site.Write("img/logo.png", "png");
    }

    private async Task<(ServerUnderTest Server, ReleaseIndex Index)> ServeAsync(FingerprintOptions? fingerprint, bool preloadHints = true, Action<ServeStaticOptions>? configure = null)
    {
        var output = _site.Output();
        var result = await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(_site.Site)
        {
            Fingerprint = fingerprint,
            Compression = PrecompressionLevel.Fast,
            PreloadHints = preloadHints,
        }, output);
        return (await ServerUnderTest.StartAsync(output, configure), result.Index);
    }

    private static async Task<string?> LinkOf(ServerUnderTest server, string path, HttpMethod? method = null, params (string, string)[] headers)
    {
        using var response = await server.Client.SendAsync(method ?? HttpMethod.Get, path, headers);
        return response.Headers.TryGetValues("Link", out var values) ? string.Join(", ", values) : null;
    }

    /// <summary>The fingerprinted path the build gave <paramref name="path"/>.</summary>
    private static string Fingerprinted(ReleaseIndex index, string path)
    {
        var dot = path.LastIndexOf('.');
        var pattern = new Regex("^" + Regex.Escape(path[..dot]) + @"\.[0-9a-f]{10}" + Regex.Escape(path[dot..]) + "$");
        return index.Assets.Single(asset => pattern.IsMatch(asset.Path)).Path;
    }

    [Fact]
    public async Task A_page_links_its_stylesheets_then_its_module_graph_then_its_fonts_at_their_fingerprinted_urls()
    {
        WriteSite();
        var (server, index) = await ServeAsync(new FingerprintOptions());
        await using var _ = server;
        string F(string path) => Fingerprinted(index, path);

        Assert.Equal(
            $"<{F("/css/app.css")}>; rel=preload; as=style, <{F("/css/base.css")}>; rel=preload; as=style, "
            + $"<{F("/js/app.js")}>; rel=modulepreload, <{F("/js/lib/a.js")}>; rel=modulepreload, <{F("/js/lib/b.js")}>; rel=modulepreload, <{F("/js/lib/c.js")}>; rel=modulepreload, "
            + $"<{F("/fonts/b.woff2")}>; rel=preload; as=font; type=\"font/woff2\"; crossorigin, <{F("/fonts/a.woff2")}>; rel=preload; as=font; type=\"font/woff2\"; crossorigin",
            await LinkOf(server, "/"));
    }

    [Fact]
    public async Task Without_fingerprinting_the_links_name_the_sites_own_paths()
    {
        WriteSite();
        var (server, _) = await ServeAsync(fingerprint: null);
        await using var _1 = server;

        Assert.Equal(
            "</css/app.css>; rel=preload; as=style, </css/base.css>; rel=preload; as=style, "
            + "</js/app.js>; rel=modulepreload, </js/lib/a.js>; rel=modulepreload, </js/lib/b.js>; rel=modulepreload, </js/lib/c.js>; rel=modulepreload, "
            + "</fonts/b.woff2>; rel=preload; as=font; type=\"font/woff2\"; crossorigin, </fonts/a.woff2>; rel=preload; as=font; type=\"font/woff2\"; crossorigin",
            await LinkOf(server, "/"));
    }

    [Fact]
    public async Task Print_and_external_stylesheets_dynamic_imports_classic_scripts_second_fonts_and_images_are_not_linked()
    {
        WriteSite();
        var (server, _) = await ServeAsync(fingerprint: null);
        await using var _1 = server;

        var link = await LinkOf(server, "/");
        foreach (var absent in (string[])["print.css", "cdn.example.com", "lazy.js", "classic.js", "a.woff>", "logo.png", "data:"])
            Assert.DoesNotContain(absent, link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_integrity_the_page_gives_its_module_script_and_stylesheet_is_mirrored_and_their_imports_have_none()
    {
        WriteSite();
        var (server, index) = await ServeAsync(new FingerprintOptions { SubresourceIntegrity = true });
        await using var _ = server;
        var app = index.Assets.Single(a => a.Path == Fingerprinted(index, "/js/app.js"));
        var css = index.Assets.Single(a => a.Path == Fingerprinted(index, "/css/app.css"));

        var link = await LinkOf(server, "/");
        Assert.Contains($"<{app.Path}>; rel=modulepreload; integrity=\"{app.Integrity}\", ", link, StringComparison.Ordinal);
        Assert.Contains($"<{css.Path}>; rel=preload; as=style; integrity=\"{css.Integrity}\", ", link, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(link!, "integrity="));
    }

    [Fact]
    public async Task A_page_with_an_inline_import_map_gets_no_module_links_and_keeps_its_stylesheets()
    {
        _site.Write("index.html", """
            <link rel="stylesheet" href="app.css">
            <script type="importmap">{ "imports": { "lib": "/lib.js" } }</script>
            <script type="module" src="app.js"></script>
            """);
        _site.Write("app.css", "p { color: red }");
        _site.Write("app.js", "import 'lib';");
        _site.Write("lib.js", "export {};");
        var (server, _) = await ServeAsync(fingerprint: null);
        await using var _1 = server;

        Assert.Equal("</app.css>; rel=preload; as=style", await LinkOf(server, "/"));
    }

    [Fact]
    public async Task At_most_16_links_are_sent_stylesheets_first()
    {
        _site.Write("index.html", string.Concat(Enumerable.Range(0, 20).Select(i => $"<link rel=stylesheet href=s{i:00}.css>")));
        for (var i = 0; i < 20; i++)
            _site.Write($"s{i:00}.css", $"p{{order:{i}}}");
        var (server, _) = await ServeAsync(fingerprint: null);
        await using var _1 = server;

        Assert.Equal(string.Join(", ", Enumerable.Range(0, PreloadHeader.MaxLinks).Select(i => $"</s{i:00}.css>; rel=preload; as=style")), await LinkOf(server, "/"));
    }

    [Fact]
    public async Task The_links_stop_before_the_one_that_would_take_the_header_past_2048_bytes()
    {
        var name = new string('n', 200);
        _site.Write("index.html", string.Concat(Enumerable.Range(0, 12).Select(i => $"<link rel=stylesheet href={name}{i:00}.css>")));
        for (var i = 0; i < 12; i++)
            _site.Write($"{name}{i:00}.css", $"p{{order:{i}}}");
        var (server, _) = await ServeAsync(fingerprint: null);
        await using var _1 = server;

        // Each link is "</" + 204 characters + ">; rel=preload; as=style" = 230 bytes, 232 with its separator: 8 fit in 2048, 9 do not.
        var link = await LinkOf(server, "/");
        Assert.Equal(string.Join(", ", Enumerable.Range(0, 8).Select(i => $"</{name}{i:00}.css>; rel=preload; as=style")), link);
        Assert.True(link!.Length <= PreloadHeader.MaxBytes);
    }

    [Fact]
    public async Task A_build_with_preload_hints_off_records_none_and_the_page_has_no_Link()
    {
        WriteSite();
        var (server, index) = await ServeAsync(new FingerprintOptions(), preloadHints: false);
        await using var _ = server;

        Assert.All(index.Assets, asset => Assert.Null(asset.Preload));
        Assert.Null(await LinkOf(server, "/"));
    }

    [Fact]
    public async Task With_the_serving_option_off_the_page_has_no_Link_though_its_index_has_links()
    {
        WriteSite();
        var (server, index) = await ServeAsync(new FingerprintOptions(), configure: options => options.PreloadHints = false);
        await using var _ = server;

        Assert.NotNull(index.Assets.Single(a => a.Path == "/index.html").Preload);
        Assert.Null(await LinkOf(server, "/"));
    }

    [Fact]
    public async Task HEAD_carries_the_Link_of_GET()
    {
        WriteSite();
        var (server, _) = await ServeAsync(new FingerprintOptions());
        await using var _1 = server;

        var get = await LinkOf(server, "/");
        Assert.NotNull(get);
        Assert.Equal(get, await LinkOf(server, "/", HttpMethod.Head));
    }

    [Fact]
    public async Task A_304_carries_no_Link_as_RFC_9110_lists_no_such_field_for_it()
    {
        WriteSite();
        var (server, _) = await ServeAsync(new FingerprintOptions());
        await using var _1 = server;
        using var first = await server.GetAsync("/", ("Accept-Encoding", "br"));
        Assert.True(first.Headers.Contains("Link"));

        using var revalidated = await server.GetAsync("/", ("Accept-Encoding", "br"), ("If-None-Match", first.Headers.ETag!.ToString()));
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.False(revalidated.Headers.Contains("Link"));
    }

    [Theory]
    [InlineData("/css/app.css")]
    [InlineData("/js/app.js")]
    [InlineData("/fonts/a.woff2")]
    public async Task Assets_that_are_not_HTML_have_no_Link(string path)
    {
        WriteSite();
        var (server, _) = await ServeAsync(fingerprint: null);
        await using var _1 = server;

        using var response = await server.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Link"));
    }
}
