using System.Text.Json;

namespace ServeStatic.Index;

/// <summary>The <c>rules</c> of a version 2 index (docs/index-format.md). A release has few rules: messages are worded as they are read.</summary>
internal static partial class IndexReader
{
    private static SiteRules Rules(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "rules");
        List<RedirectRule> redirects = [];
        List<RewriteRule> rewrites = [];
        List<HeaderRuleRecord> headers = [];
        List<NotFoundPageRule> notFoundPages = [];
        SpaFallbackRule? spaFallback = null;
        var trailingSlash = TrailingSlash.Auto;
        var cleanUrls = false;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("redirects"u8))
                Array(ref reader, "rules.redirects", redirects, Redirect);
            else if (reader.ValueTextEquals("rewrites"u8))
                Array(ref reader, "rules.rewrites", rewrites, Rewrite);
            else if (reader.ValueTextEquals("headers"u8))
                Array(ref reader, "rules.headers", headers, Header);
            else if (reader.ValueTextEquals("notFoundPages"u8))
                Array(ref reader, "rules.notFoundPages", notFoundPages, NotFoundPage);
            else if (reader.ValueTextEquals("spaFallback"u8))
            {
                Next(ref reader);
                spaFallback = reader.TokenType == JsonTokenType.Null ? null : SpaFallback(ref reader, "rules.spaFallback");
            }
            else if (reader.ValueTextEquals("trailingSlash"u8))
            {
                var value = String(ref reader, "rules", "trailingSlash");
                trailingSlash = value switch
                {
                    "auto" => TrailingSlash.Auto,
                    "always" => TrailingSlash.Always,
                    "never" => TrailingSlash.Never,
                    _ => throw new JsonException($"rules.trailingSlash \"{value}\" is not auto, always or never"),
                };
            }
            else if (reader.ValueTextEquals("cleanUrls"u8))
                cleanUrls = Bool(ref reader, "rules.cleanUrls");
            else
                Skip(ref reader);
        }
        return new SiteRules(redirects, rewrites, headers, spaFallback, notFoundPages, trailingSlash, cleanUrls);
    }

    private delegate T ReadItem<T>(ref Utf8JsonReader reader, string where);

    private static void Array<T>(ref Utf8JsonReader reader, string where, List<T> items, ReadItem<T> read)
    {
        Next(ref reader);
        Expect(ref reader, JsonTokenType.StartArray, where);
        while (Next(ref reader) != JsonTokenType.EndArray)
            items.Add(read(ref reader, $"{where}[{items.Count}]"));
    }

    private static RedirectRule Redirect(ref Utf8JsonReader reader, string where)
    {
        Expect(ref reader, JsonTokenType.StartObject, where);
        string? from = null, to = null;
        int? status = null;
        bool? preserveQuery = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("from"u8))
                from = String(ref reader, where, "from");
            else if (reader.ValueTextEquals("to"u8))
                to = String(ref reader, where, "to");
            else if (reader.ValueTextEquals("status"u8))
                status = (int)Long(ref reader, where, "status");
            else if (reader.ValueTextEquals("preserveQuery"u8))
                preserveQuery = Bool(ref reader, where + ".preserveQuery");
            else
                Skip(ref reader);
        }
        return new RedirectRule(from ?? throw Missing("from", where), to ?? throw Missing("to", where),
            status ?? throw Missing("status", where), preserveQuery ?? throw Missing("preserveQuery", where));
    }

    private static RewriteRule Rewrite(ref Utf8JsonReader reader, string where)
    {
        var (from, to) = Pair(ref reader, where, "from"u8, "from", "to"u8, "to");
        return new RewriteRule(from, to);
    }

    private static NotFoundPageRule NotFoundPage(ref Utf8JsonReader reader, string where)
    {
        var (folder, page) = Pair(ref reader, where, "folder"u8, "folder", "page"u8, "page");
        return new NotFoundPageRule(folder, page);
    }

    private static HeaderRuleRecord Header(ref Utf8JsonReader reader, string where)
    {
        Expect(ref reader, JsonTokenType.StartObject, where);
        string? glob = null, name = null, value = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("glob"u8))
                glob = String(ref reader, where, "glob");
            else if (reader.ValueTextEquals("name"u8))
                name = String(ref reader, where, "name");
            else if (reader.ValueTextEquals("value"u8))
                value = String(ref reader, where, "value");
            else
                Skip(ref reader);
        }
        return new HeaderRuleRecord(glob ?? throw Missing("glob", where), name ?? throw Missing("name", where), value ?? throw Missing("value", where));
    }

    private static SpaFallbackRule SpaFallback(ref Utf8JsonReader reader, string where)
    {
        Expect(ref reader, JsonTokenType.StartObject, where);
        string? path = null;
        List<string> exclude = [];
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("path"u8))
                path = String(ref reader, where, "path");
            else if (reader.ValueTextEquals("exclude"u8))
                Array(ref reader, where + ".exclude", exclude, static (ref Utf8JsonReader r, string w) =>
                {
                    Expect(ref r, JsonTokenType.String, w);
                    return r.GetString()!;
                });
            else
                Skip(ref reader);
        }
        return new SpaFallbackRule(path ?? throw Missing("path", where), exclude);
    }

    private static (string, string) Pair(ref Utf8JsonReader reader, string where, ReadOnlySpan<byte> first, string firstName, ReadOnlySpan<byte> second, string secondName)
    {
        Expect(ref reader, JsonTokenType.StartObject, where);
        string? a = null, b = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals(first))
                a = String(ref reader, where, firstName);
            else if (reader.ValueTextEquals(second))
                b = String(ref reader, where, secondName);
            else
                Skip(ref reader);
        }
        return (a ?? throw Missing(firstName, where), b ?? throw Missing(secondName, where));
    }

    private static bool Bool(ref Utf8JsonReader reader, string where)
    {
        Next(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw new JsonException($"{where} is {reader.TokenType}, not true or false"),
        };
    }

    private static string String(ref Utf8JsonReader reader, string where, string name)
    {
        Next(ref reader);
        Expect(ref reader, JsonTokenType.String, $"{where}.{name}");
        return reader.GetString()!;
    }

    private static long Long(ref Utf8JsonReader reader, string where, string name)
    {
        Next(ref reader);
        Expect(ref reader, JsonTokenType.Number, $"{where}.{name}");
        return reader.TryGetInt64(out var value) ? value : throw new JsonException($"{where}.{name} is not a whole number");
    }
}
