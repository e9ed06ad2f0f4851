using System.Text.Json;

namespace ServeStatic.Index;

/// <summary>
/// Reads the index document (docs/index-format.md) straight off a <see cref="Utf8JsonReader"/>: a warm start parses the
/// whole index, and for 10,000 assets this is about three times as fast as the general serializer's constructor-based
/// binding of the same records (bench/README.md, "Warm start and snapshot memory"). Writing stays with
/// <see cref="IndexJson"/>; <c>IndexSerializerTests</c> round-trips every field through both.
/// Unknown properties are skipped (a newer writer may add some); every known one is required and typed.
/// </summary>
internal static partial class IndexReader
{
    /// <exception cref="JsonException">The document is not JSON, or not of this schema; the message says where and what.</exception>
    /// <returns>The index, or null for the JSON literal <c>null</c>.</returns>
    public static ReleaseIndex? Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            End(ref reader);
            return null;
        }
        Expect(ref reader, JsonTokenType.StartObject, "the document");
        int? schemaVersion = null;
        List<AssetRecord>? assets = null;
        SiteRules? rules = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("schemaVersion"u8))
            {
                Next(ref reader);
                Expect(ref reader, JsonTokenType.Number, "schemaVersion");
                schemaVersion = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("assets"u8))
            {
                Next(ref reader);
                Expect(ref reader, JsonTokenType.StartArray, "assets");
                assets = [];
                while (Next(ref reader) != JsonTokenType.EndArray)
                    assets.Add(Asset(ref reader, new Where(assets.Count)));
            }
            else if (reader.ValueTextEquals("rules"u8))
            {
                Next(ref reader);
                rules = Rules(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }
        End(ref reader);
        return new ReleaseIndex(schemaVersion ?? throw Missing("schemaVersion", "the document"), assets ?? throw Missing("assets", "the document"), rules);
    }

    private static AssetRecord Asset(ref Utf8JsonReader reader, Where where)
    {
        Expect(ref reader, JsonTokenType.StartObject, where);
        string? path = null, contentType = null, sha256 = null, integrity = null;
        long? size = null;
        DateTimeOffset? lastModified = null;
        bool? immutable = null;
        List<VariantRecord>? variants = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("path"u8))
                path = String(ref reader, where, "path");
            else if (reader.ValueTextEquals("contentType"u8))
                contentType = String(ref reader, where, "contentType");
            else if (reader.ValueTextEquals("size"u8))
                size = Long(ref reader, where, "size");
            else if (reader.ValueTextEquals("sha256"u8))
                sha256 = String(ref reader, where, "sha256");
            else if (reader.ValueTextEquals("integrity"u8))
                integrity = String(ref reader, where, "integrity");
            else if (reader.ValueTextEquals("lastModified"u8))
            {
                Next(ref reader);
                Expect(ref reader, JsonTokenType.String, where, "lastModified");
                lastModified = reader.TryGetDateTimeOffset(out var time) ? time : throw new JsonException($"{where}.lastModified is not an ISO 8601 date and time");
            }
            else if (reader.ValueTextEquals("immutable"u8))
            {
                Next(ref reader);
                immutable = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => throw new JsonException($"{where}.immutable is {reader.TokenType}, not true or false"),
                };
            }
            else if (reader.ValueTextEquals("variants"u8))
            {
                Next(ref reader);
                Expect(ref reader, JsonTokenType.StartArray, where, "variants");
                variants = new List<VariantRecord>(4);
                while (Next(ref reader) != JsonTokenType.EndArray)
                    variants.Add(Variant(ref reader, where.Variant(variants.Count)));
            }
            else
            {
                Skip(ref reader);
            }
        }
        return new AssetRecord(
            path ?? throw Missing("path", where),
            contentType ?? throw Missing("contentType", where),
            size ?? throw Missing("size", where),
            sha256 ?? throw Missing("sha256", where),
            integrity ?? throw Missing("integrity", where),
            lastModified ?? throw Missing("lastModified", where),
            immutable ?? throw Missing("immutable", where),
            variants ?? throw Missing("variants", where));
    }

    private static VariantRecord Variant(ref Utf8JsonReader reader, Where where)
    {
        Expect(ref reader, JsonTokenType.StartObject, where);
        ContentEncoding? encoding = null;
        long? size = null;
        string? key = null, sha256 = null, dictionary = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("encoding"u8))
                encoding = Encoding(ref reader, where);
            else if (reader.ValueTextEquals("size"u8))
                size = Long(ref reader, where, "size");
            else if (reader.ValueTextEquals("key"u8))
                key = String(ref reader, where, "key");
            else if (reader.ValueTextEquals("sha256"u8))
                sha256 = String(ref reader, where, "sha256");
            else if (reader.ValueTextEquals("dictionary"u8))
                dictionary = String(ref reader, where, "dictionary");
            else
                Skip(ref reader);
        }
        return new VariantRecord(
            encoding ?? throw Missing("encoding", where),
            size ?? throw Missing("size", where),
            key ?? throw Missing("key", where),
            sha256 ?? throw Missing("sha256", where),
            dictionary);
    }

    /// <summary>A variant's encoding, parsed from the reader's buffer: a token is a few letters, and there is one per variant.</summary>
    private static ContentEncoding Encoding(ref Utf8JsonReader reader, Where where)
    {
        Next(ref reader);
        Expect(ref reader, JsonTokenType.String, where, "encoding");
        Span<char> token = stackalloc char[16];
        return reader.ValueSpan.Length <= token.Length && ContentEncodings.TryParseToken(token[..reader.CopyString(token)], out var encoding) ? encoding
            : throw new JsonException($"{where}.encoding: unknown content encoding \"{reader.GetString()}\"");
    }

    private static string String(ref Utf8JsonReader reader, Where where, string name)
    {
        Next(ref reader);
        Expect(ref reader, JsonTokenType.String, where, name);
        return reader.GetString()!;
    }

    private static long Long(ref Utf8JsonReader reader, Where where, string name)
    {
        Next(ref reader);
        Expect(ref reader, JsonTokenType.Number, where, name);
        return reader.TryGetInt64(out var value) ? value : throw new JsonException($"{where}.{name} is not a whole number of bytes");
    }

    /// <summary>True at the next property name of the object being read; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader) => Next(ref reader) == JsonTokenType.PropertyName;

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("the document ends early");

    /// <summary>Skips the value of the property just read (an object or array whole).</summary>
    private static void Skip(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        reader.Skip();
    }

    /// <summary>Nothing may follow the root value (the reader itself refuses a second one).</summary>
    private static void End(ref Utf8JsonReader reader)
    {
        if (reader.Read())
            throw new JsonException($"unexpected {reader.TokenType} after the end of the document");
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
            throw new JsonException($"{what} is {reader.TokenType}, where {type} was expected");
    }

    /// <summary>As <see cref="Expect(ref Utf8JsonReader, JsonTokenType, string)"/>, for a property of an asset or variant.</summary>
    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, Where where, string? property = null)
    {
        if (reader.TokenType != type)
            throw new JsonException($"{where}{(property is null ? "" : "." + property)} is {reader.TokenType}, where {type} was expected");
    }

    private static JsonException Missing(string property, Where where) => new($"{where} has no \"{property}\"");
    private static JsonException Missing(string property, string where) => new($"{where} has no \"{property}\"");

    /// <summary>
    /// Where in the document an asset or variant is, worded (<c>assets[3].variants[1]</c>) only for an error message: a
    /// warm start reads tens of thousands of them and must not format a string for each.
    /// </summary>
    private readonly record struct Where(int Asset, int VariantIndex = -1)
    {
        public Where Variant(int index) => this with { VariantIndex = index };

        public override string ToString() => VariantIndex < 0 ? $"assets[{Asset}]" : $"assets[{Asset}].variants[{VariantIndex}]";
    }
}
