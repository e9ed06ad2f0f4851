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
    /// <param name="json">The document.</param>
    /// <param name="onAsset">Given each asset as soon as it is read, before the index is validated (a load checks the content
    /// files meanwhile: <see cref="ContentSizeCheckWhileReading"/>).</param>
    /// <exception cref="JsonException">The document is not JSON, or not of this schema; the message says where and what.</exception>
    /// <returns>The index, or null for the JSON literal <c>null</c>.</returns>
    public static ReleaseIndex? Read(ReadOnlySpan<byte> json, Action<AssetRecord>? onAsset = null)
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
                var shared = new Shared();
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    var asset = Asset(ref reader, new Where(assets.Count), shared);
                    assets.Add(asset);
                    onAsset?.Invoke(asset);
                }
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

    private static AssetRecord Asset(ref Utf8JsonReader reader, Where where, Shared shared)
    {
        Expect(ref reader, JsonTokenType.StartObject, where);
        string? path = null, contentType = null, sha256 = null, integrity = null;
        long? size = null;
        DateTimeOffset? lastModified = null;
        bool? immutable = null;
        VariantRecord[]? variants = null;
        List<PreloadLink>? preload = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("path"u8))
                path = String(ref reader, where, "path");
            else if (reader.ValueTextEquals("contentType"u8))
                contentType = shared.ContentType(ref reader, where);
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
                shared.Variants.Clear();
                while (Next(ref reader) != JsonTokenType.EndArray)
                    shared.Variants.Add(Variant(ref reader, where.Variant(shared.Variants.Count), sha256));
                variants = [.. shared.Variants];
            }
            else if (reader.ValueTextEquals("preload"u8))
            {
                preload = Preload(ref reader, where);
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
            variants ?? throw Missing("variants", where),
            preload);
    }

    /// <param name="assetSha256">The asset's hash when it came before its variants (as a build writes it): an identity
    /// variant's key and hash are that string again rather than two more copies of it.</param>
    private static VariantRecord Variant(ref Utf8JsonReader reader, Where where, string? assetSha256)
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
                key = String(ref reader, where, "key", assetSha256);
            else if (reader.ValueTextEquals("sha256"u8))
                sha256 = String(ref reader, where, "sha256", assetSha256);
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

    /// <summary>As <see cref="String(ref Utf8JsonReader, Where, string)"/>, but <paramref name="same"/> itself when the value is equal to it.</summary>
    private static string String(ref Utf8JsonReader reader, Where where, string name, string? same)
    {
        Next(ref reader);
        Expect(ref reader, JsonTokenType.String, where, name);
        return same is not null && reader.ValueTextEquals(same) ? same : reader.GetString()!;
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
    /// What one read shares across assets, so that the records hold fewer strings and the read makes fewer temporary lists:
    /// one string per distinct content type (a release has a few dozen, and ten thousands of assets), and one list the
    /// variants of each asset are gathered in before they are copied to an array of their number.
    /// </summary>
    private sealed class Shared
    {
        private readonly Dictionary<string, string> _contentTypes = new(StringComparer.Ordinal);

        public List<VariantRecord> Variants { get; } = new(4);

        public string ContentType(ref Utf8JsonReader reader, Where where)
        {
            Next(ref reader);
            Expect(ref reader, JsonTokenType.String, where, "contentType");
            Span<char> text = stackalloc char[IndexSerializer.MaxContentTypeLength];
            // A longer one is refused by the validation; it is read as it is, for the message.
            if (reader.ValueSpan.Length > text.Length)
                return reader.GetString()!;
            text = text[..reader.CopyString(text)];
            var lookup = _contentTypes.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(text, out var contentType))
                return contentType;
            contentType = text.ToString();
            _contentTypes.Add(contentType, contentType);
            return contentType;
        }
    }

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
