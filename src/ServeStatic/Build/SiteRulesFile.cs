using System.Text.Json;
using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>
/// Reads a site's <c>servestatic.json</c> (docs/site-rules.md, schemas/servestatic.schema.json) into rules as written, each
/// with its line for the error that names it. Unknown properties and mistyped values are errors at their line: a rule
/// the build does not understand is never silently dropped.
/// </summary>
internal sealed class SiteRulesFile
{
    /// <summary>The file's name at the site root. It is read by the build and never served.</summary>
    public const string Name = "servestatic.json";

    /// <summary>The redirect status when a rule names none: permanent, like the responder's own folder redirects.</summary>
    public const int DefaultRedirectStatus = 301;

    /// <param name="path">The file the rules are read from, named by every error about one of them.</param>
    internal SiteRulesFile(string path)
    {
        Path = path;
        HeadersPath = path;
    }

    public string Path { get; }

    /// <summary>The file the header rules are read from: <see cref="Path"/>, or a <c>_headers</c> beside a <c>_redirects</c>.</summary>
    public string HeadersPath { get; internal set; }

    public List<(RedirectRule Rule, int Line)> Redirects { get; } = [];

    public List<(RewriteRule Rule, int Line)> Rewrites { get; } = [];

    public List<(HeaderRuleRecord Rule, int Line)> Headers { get; } = [];

    /// <summary>
    /// The <c>from</c> of each rule marked to apply even where an asset is (<c>_redirects</c>' <c>!</c>). A rule never
    /// shadows an asset, so the build refuses a forced rule whose pattern matches one; elsewhere forcing changes nothing.
    /// </summary>
    public List<(string From, int Line)> Forced { get; } = [];

    /// <summary>Media types by extension (<c>".json"</c> → <c>"text/json"</c>) that set the <c>Content-Type</c> of the matching assets at build.</summary>
    public Dictionary<string, string> MediaTypes { get; } = new(StringComparer.OrdinalIgnoreCase);

    public (SpaFallbackRule Rule, int Line)? SpaFallback { get; internal set; }

    /// <summary>Unset: the nearest <c>404.html</c>; set to null: none; set: that page.</summary>
    public (string? Page, int Line)? NotFoundPage { get; internal set; }

    public TrailingSlash TrailingSlash { get; internal set; } = TrailingSlash.Auto;

    public bool CleanUrls { get; internal set; }

    /// <exception cref="BuildException">The file cannot be read, is not JSON, or holds something that is not a rule; the message names the file and line.</exception>
    public static SiteRulesFile Read(string path)
    {
        var file = new SiteRulesFile(path);
        JsonRulesReader.Read(path, (ref JsonRulesReader reader) => new Parser(file).Root(ref reader));
        return file;
    }

    /// <summary>The error a rule at <paramref name="line"/> is: <c>site/servestatic.json:7: problem</c>.</summary>
    public BuildException Error(int line, string problem) => new($"{Path}:{line}", problem);

    /// <summary>The error a header rule at <paramref name="line"/> is, naming <see cref="HeadersPath"/>.</summary>
    public BuildException HeaderError(int line, string problem) => new($"{HeadersPath}:{line}", problem);

    /// <summary>Reads the document into a <see cref="SiteRulesFile"/>, a token at a time.</summary>
    private readonly struct Parser(SiteRulesFile file)
    {
        public void Root(ref JsonRulesReader r)
        {
            r.Start(JsonTokenType.StartObject, "the file");
            while (r.NextProperty(out var name, out var line))
            {
                switch (name)
                {
                    case "$schema":
                        r.Text("$schema");
                        break;
                    case "redirects":
                        for (r.Start(JsonTokenType.StartArray, "redirects"); r.Next() != JsonTokenType.EndArray;)
                        {
                            var start = r.Line;
                            file.Redirects.Add((Redirect(ref r), start));
                        }
                        break;
                    case "rewrites":
                        for (r.Start(JsonTokenType.StartArray, "rewrites"); r.Next() != JsonTokenType.EndArray;)
                        {
                            var start = r.Line;
                            file.Rewrites.Add((Rewrite(ref r), start));
                        }
                        break;
                    case "headers":
                        for (r.Start(JsonTokenType.StartArray, "headers"); r.Next() != JsonTokenType.EndArray;)
                            HeaderSet(ref r);
                        break;
                    case "spaFallback":
                        file.SpaFallback = (Fallback(ref r), line);
                        break;
                    case "notFoundPage":
                        r.Next();
                        file.NotFoundPage = (r.TokenType == JsonTokenType.Null ? null : r.Expect(JsonTokenType.String, "notFoundPage").GetString(), line);
                        break;
                    case "trailingSlash":
                        var value = r.Text("trailingSlash");
                        file.TrailingSlash = TrailingSlashOf(value) ?? throw r.Error(line, $"trailingSlash \"{value}\" is not auto, always or never");
                        break;
                    case "cleanUrls":
                        file.CleanUrls = r.Bool("cleanUrls");
                        break;
                    default:
                        throw r.Unknown(name, line, "the file", "redirects, rewrites, headers, spaFallback, notFoundPage, trailingSlash, cleanUrls");
                }
            }
        }

        private static RedirectRule Redirect(ref JsonRulesReader r)
        {
            r.Expect(JsonTokenType.StartObject, "a redirect");
            var start = r.Line;
            string? from = null, to = null;
            int status = DefaultRedirectStatus;
            var preserveQuery = true;
            while (r.NextProperty(out var name, out var line))
            {
                switch (name)
                {
                    case "from": from = r.Text("from"); break;
                    case "to": to = r.Text("to"); break;
                    case "status": status = r.WholeNumber("status"); break;
                    case "preserveQuery": preserveQuery = r.Bool("preserveQuery"); break;
                    default: throw r.Unknown(name, line, "a redirect", "from, to, status, preserveQuery");
                }
            }
            return new RedirectRule(from ?? throw r.Error(start, "the redirect has no \"from\""), to ?? throw r.Error(start, "the redirect has no \"to\""), status, preserveQuery);
        }

        private static RewriteRule Rewrite(ref JsonRulesReader r)
        {
            r.Expect(JsonTokenType.StartObject, "a rewrite");
            var start = r.Line;
            string? from = null, to = null;
            while (r.NextProperty(out var name, out var line))
            {
                switch (name)
                {
                    case "from": from = r.Text("from"); break;
                    case "to": to = r.Text("to"); break;
                    default: throw r.Unknown(name, line, "a rewrite", "from, to");
                }
            }
            return new RewriteRule(from ?? throw r.Error(start, "the rewrite has no \"from\""), to ?? throw r.Error(start, "the rewrite has no \"to\""));
        }

        /// <summary><c>{ "glob": "*.html", "set": { "Name": "value", … } }</c>: one header rule per name, each at its own line.</summary>
        private void HeaderSet(ref JsonRulesReader r)
        {
            r.Expect(JsonTokenType.StartObject, "a header rule");
            var start = r.Line;
            string? glob = null;
            List<(string Name, string Value, int Line)> set = [];
            while (r.NextProperty(out var name, out var line))
            {
                switch (name)
                {
                    case "glob": glob = r.Text("glob"); break;
                    case "set": set = r.TextProperties("set"); break;
                    default: throw r.Unknown(name, line, "a header rule", "glob, set");
                }
            }
            if (glob is null)
                throw r.Error(start, "the header rule has no \"glob\"");
            if (set.Count == 0)
                throw r.Error(start, "the header rule sets no header (\"set\": { \"Name\": \"value\" })");
            foreach (var (name, value, line) in set)
                file.Headers.Add((new HeaderRuleRecord(glob, name, value), line));
        }

        /// <summary><c>"/index.html"</c>, or <c>{ "path": "/index.html", "exclude": ["/api/**"] }</c>.</summary>
        private static SpaFallbackRule Fallback(ref JsonRulesReader r)
        {
            r.Next();
            if (r.TokenType == JsonTokenType.String)
                return new SpaFallbackRule(r.Expect(JsonTokenType.String, "spaFallback").GetString()!, []);
            r.Expect(JsonTokenType.StartObject, "spaFallback");
            var start = r.Line;
            string? path = null;
            List<string> exclude = [];
            while (r.NextProperty(out var name, out var line))
            {
                switch (name)
                {
                    case "path": path = r.Text("path"); break;
                    case "exclude": exclude = r.Texts("exclude"); break;
                    default: throw r.Unknown(name, line, "spaFallback", "path, exclude");
                }
            }
            return new SpaFallbackRule(path ?? throw r.Error(start, "spaFallback has no \"path\""), exclude);
        }
    }

    /// <summary>A <c>trailingSlash</c> value as written in a rules file (<c>auto</c>, <c>always</c>, <c>never</c>), or null.</summary>
    internal static TrailingSlash? TrailingSlashOf(string value) => value switch
    {
        "auto" => TrailingSlash.Auto,
        "always" => TrailingSlash.Always,
        "never" => TrailingSlash.Never,
        _ => null,
    };
}
