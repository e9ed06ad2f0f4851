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

    private SiteRulesFile(string path) => Path = path;

    public string Path { get; }

    public List<(RedirectRule Rule, int Line)> Redirects { get; } = [];

    public List<(RewriteRule Rule, int Line)> Rewrites { get; } = [];

    public List<(HeaderRuleRecord Rule, int Line)> Headers { get; } = [];

    public (SpaFallbackRule Rule, int Line)? SpaFallback { get; internal set; }

    /// <summary>Unset: the nearest <c>404.html</c>; set to null: none; set: that page.</summary>
    public (string? Page, int Line)? NotFoundPage { get; internal set; }

    public TrailingSlash TrailingSlash { get; internal set; } = TrailingSlash.Auto;

    public bool CleanUrls { get; internal set; }

    /// <exception cref="BuildException">The file cannot be read, is not JSON, or holds something that is not a rule; the message names the file and line.</exception>
    public static SiteRulesFile Read(string path)
    {
        byte[] json;
        try
        {
            json = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildException(path, $"cannot be read: {e.Message}", e);
        }
        var file = new SiteRulesFile(path);
        try
        {
            new Parser(file, json).Root();
        }
        catch (JsonException e)
        {
            throw new BuildException($"{path}:{e.LineNumber + 1}", $"not valid JSON: {e.Message}", e);
        }
        return file;
    }

    /// <summary>The error a rule at <paramref name="line"/> is: <c>site/servestatic.json:7: problem</c>.</summary>
    public BuildException Error(int line, string problem) => new($"{Path}:{line}", problem);

    /// <summary>Reads the document into a <see cref="SiteRulesFile"/>, a token at a time.</summary>
    private ref struct Parser
    {
        private readonly SiteRulesFile _file;
        private readonly byte[] _json;
        private Utf8JsonReader _reader;

        public Parser(SiteRulesFile file, byte[] json)
        {
            _file = file;
            _json = json;
            _reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }

        private readonly int Line => 1 + _json.AsSpan(0, (int)_reader.TokenStartIndex).Count((byte)'\n');

        public void Root()
        {
            Next();
            Expect(JsonTokenType.StartObject, "the file");
            while (NextProperty(out var name, out var line))
            {
                switch (name)
                {
                    case "$schema":
                        Text("$schema");
                        break;
                    case "redirects":
                        for (Start(JsonTokenType.StartArray, "redirects"); Next() != JsonTokenType.EndArray;)
                        {
                            var start = Line;
                            _file.Redirects.Add((Redirect(), start));
                        }
                        break;
                    case "rewrites":
                        for (Start(JsonTokenType.StartArray, "rewrites"); Next() != JsonTokenType.EndArray;)
                        {
                            var start = Line;
                            _file.Rewrites.Add((Rewrite(), start));
                        }
                        break;
                    case "headers":
                        for (Start(JsonTokenType.StartArray, "headers"); Next() != JsonTokenType.EndArray;)
                            HeaderSet();
                        break;
                    case "spaFallback":
                        _file.SpaFallback = (Fallback(), line);
                        break;
                    case "notFoundPage":
                        Next();
                        _file.NotFoundPage = (_reader.TokenType == JsonTokenType.Null ? null : Expect(JsonTokenType.String, "notFoundPage").GetString(), line);
                        break;
                    case "trailingSlash":
                        var value = Text("trailingSlash");
                        _file.TrailingSlash = value switch
                        {
                            "auto" => TrailingSlash.Auto,
                            "always" => TrailingSlash.Always,
                            "never" => TrailingSlash.Never,
                            _ => throw Error(line, $"trailingSlash \"{value}\" is not auto, always or never"),
                        };
                        break;
                    case "cleanUrls":
                        _file.CleanUrls = Bool("cleanUrls");
                        break;
                    default:
                        throw Unknown(name, line, "the file", "redirects, rewrites, headers, spaFallback, notFoundPage, trailingSlash, cleanUrls");
                }
            }
            if (_reader.Read())
                throw Error(Line, "unexpected content after the end of the rules");
        }

        private RedirectRule Redirect()
        {
            Expect(JsonTokenType.StartObject, "a redirect");
            var start = Line;
            string? from = null, to = null;
            int status = DefaultRedirectStatus;
            var preserveQuery = true;
            while (NextProperty(out var name, out var line))
            {
                switch (name)
                {
                    case "from": from = Text("from"); break;
                    case "to": to = Text("to"); break;
                    case "status":
                        Next();
                        status = Expect(JsonTokenType.Number, "status").TryGetInt32(out var number) ? number : throw Error(line, "status is not a whole number");
                        break;
                    case "preserveQuery": preserveQuery = Bool("preserveQuery"); break;
                    default: throw Unknown(name, line, "a redirect", "from, to, status, preserveQuery");
                }
            }
            return new RedirectRule(from ?? throw Error(start, "the redirect has no \"from\""), to ?? throw Error(start, "the redirect has no \"to\""), status, preserveQuery);
        }

        private RewriteRule Rewrite()
        {
            Expect(JsonTokenType.StartObject, "a rewrite");
            var start = Line;
            string? from = null, to = null;
            while (NextProperty(out var name, out var line))
            {
                switch (name)
                {
                    case "from": from = Text("from"); break;
                    case "to": to = Text("to"); break;
                    default: throw Unknown(name, line, "a rewrite", "from, to");
                }
            }
            return new RewriteRule(from ?? throw Error(start, "the rewrite has no \"from\""), to ?? throw Error(start, "the rewrite has no \"to\""));
        }

        /// <summary><c>{ "glob": "*.html", "set": { "Name": "value", … } }</c>: one header rule per name, each at its own line.</summary>
        private void HeaderSet()
        {
            Expect(JsonTokenType.StartObject, "a header rule");
            var start = Line;
            string? glob = null;
            List<(string Name, string Value, int Line)> set = [];
            while (NextProperty(out var name, out var line))
            {
                switch (name)
                {
                    case "glob":
                        glob = Text("glob");
                        break;
                    case "set":
                        Next();
                        Expect(JsonTokenType.StartObject, "set");
                        while (NextProperty(out var header, out var headerLine))
                            set.Add((header, Text(header), headerLine));
                        break;
                    default:
                        throw Unknown(name, line, "a header rule", "glob, set");
                }
            }
            if (glob is null)
                throw Error(start, "the header rule has no \"glob\"");
            if (set.Count == 0)
                throw Error(start, "the header rule sets no header (\"set\": { \"Name\": \"value\" })");
            foreach (var (name, value, line) in set)
                _file.Headers.Add((new HeaderRuleRecord(glob, name, value), line));
        }

        /// <summary><c>"/index.html"</c>, or <c>{ "path": "/index.html", "exclude": ["/api/**"] }</c>.</summary>
        private SpaFallbackRule Fallback()
        {
            Next();
            if (_reader.TokenType == JsonTokenType.String)
                return new SpaFallbackRule(_reader.GetString()!, []);
            Expect(JsonTokenType.StartObject, "spaFallback");
            var start = Line;
            string? path = null;
            List<string> exclude = [];
            while (NextProperty(out var name, out var line))
            {
                switch (name)
                {
                    case "path": path = Text("path"); break;
                    case "exclude":
                        for (Start(JsonTokenType.StartArray, "exclude"); Next() != JsonTokenType.EndArray;)
                            exclude.Add(Expect(JsonTokenType.String, "an exclude glob").GetString()!);
                        break;
                    default: throw Unknown(name, line, "spaFallback", "path, exclude");
                }
            }
            return new SpaFallbackRule(path ?? throw Error(start, "spaFallback has no \"path\""), exclude);
        }

        /// <summary>Reads the next token, which must be a <paramref name="type"/>.</summary>
        private void Start(JsonTokenType type, string what)
        {
            Next();
            Expect(type, what);
        }

        private bool NextProperty(out string name, out int line)
        {
            if (Next() != JsonTokenType.PropertyName)
            {
                name = "";
                line = 0;
                return false;
            }
            name = _reader.GetString()!;
            line = Line;
            return true;
        }

        private string Text(string what)
        {
            Next();
            return Expect(JsonTokenType.String, what).GetString()!;
        }

        private bool Bool(string what)
        {
            Next();
            return _reader.TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => throw Error(Line, $"{what} is {Worded(_reader.TokenType)}, where true or false was expected"),
            };
        }

        private JsonTokenType Next() => _reader.Read() ? _reader.TokenType : throw Error(Line, "the file ends early");

        [System.Diagnostics.CodeAnalysis.UnscopedRef]
        private ref Utf8JsonReader Expect(JsonTokenType type, string what)
        {
            if (_reader.TokenType != type)
                throw Error(Line, $"{what} is {Worded(_reader.TokenType)}, where {Worded(type)} was expected");
            return ref _reader;
        }

        private readonly BuildException Error(int line, string problem) => _file.Error(line, problem);

        private readonly BuildException Unknown(string name, int line, string where, string known) =>
            Error(line, $"unknown property \"{name}\" in {where} (known: {known})");

        private static string Worded(JsonTokenType type) => type switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "true or false",
            JsonTokenType.Null => "null",
            _ => type.ToString(),
        };
    }
}
