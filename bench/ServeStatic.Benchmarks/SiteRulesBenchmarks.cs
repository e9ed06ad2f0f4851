using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ServeStatic.Index;
using ServeStatic.Serving;

namespace ServeStatic.Benchmarks;

/// <summary>
/// What a release's site rules cost a request (issue 17): the same stylesheet answered from a release without rules
/// (the baseline) and from one with 1,000 exact redirects, 100 header rules for other paths and pattern redirects, in one
/// run; the same with a header rule that matches it; and exact and splat redirects (a splat's one allocation: its Location).
/// </summary>
[MemoryDiagnoser]
public class SiteRulesBenchmarks
{
    private ServeStaticResponder _plain = null!;
    private ServeStaticResponder _ruled = null!;
    private ServeStaticResponder _ruledWithHeader = null!;
    private DefaultHttpContext _context = null!;
    private HttpRequestFeature _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plain = BenchRelease.Responder(rules: null);
        var redirects = Enumerable.Range(0, 1000).Select(i => new RedirectRule($"/old/page-{i}.html", "/js/app.js", 301, PreserveQuery: true))
            .Append(new RedirectRule("/blog/*", "/news/:splat", 301, PreserveQuery: true))
            .Append(new RedirectRule("/posts/:year/:slug", "/news/:slug", 302, PreserveQuery: false))
            .ToList();
        // 100 header rules for other paths: the stylesheet's response is the same as without rules, so any difference is the rules' cost.
        var headers = Enumerable.Range(0, 100).Select(i => new HeaderRuleRecord($"/section-{i}/**", "X-Section", $"{i}")).ToList();
        _ruled = BenchRelease.Responder(SiteRules.None with { Redirects = redirects, Headers = headers });
        // And one that matches every asset, as a security header does: a response with one more header.
        _ruledWithHeader = BenchRelease.Responder(SiteRules.None with
        {
            Redirects = redirects,
            Headers = [.. headers, new HeaderRuleRecord("/**", "X-Frame-Options", "DENY")],
        });
        (_context, _request) = BenchRelease.Context();
    }

    [Benchmark(Baseline = true, Description = "1 KB CSS, br, 200, no rules")]
    public int Plain() => BenchRelease.Respond(_plain, _context, _request, "/css/site.css", "br, gzip").StatusCode;

    [Benchmark(Description = "1 KB CSS, br, 200, 1,000 redirects + 100 header rules")]
    public int Ruled() => BenchRelease.Respond(_ruled, _context, _request, "/css/site.css", "br, gzip").StatusCode;

    [Benchmark(Description = "1 KB CSS, br, 200, the same + a header rule that matches it")]
    public int RuledWithHeader() => BenchRelease.Respond(_ruledWithHeader, _context, _request, "/css/site.css", "br, gzip").StatusCode;

    [Benchmark(Description = "exact redirect, 301")]
    public int ExactRedirect() => BenchRelease.Respond(_ruled, _context, _request, "/old/page-500.html", "br, gzip").StatusCode;

    [Benchmark(Description = "splat redirect, 301")]
    public int SplatRedirect() => BenchRelease.Respond(_ruled, _context, _request, "/blog/2026/autumn.html", "br, gzip").StatusCode;
}
