using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ServeStatic.Index;

/// <summary>Reads and writes the index document, and refuses one that does not match its schema.</summary>
internal static class IndexSerializer
{
    /// <summary>
    /// The index is read by programs and people, never embedded in HTML: '+' (media types, SRI hashes) and non-ASCII
    /// paths are written as themselves rather than as \u escapes.
    /// </summary>
    private static readonly IndexJson Writer = new(new JsonSerializerOptions(IndexJson.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static byte[] Serialize(ReleaseIndex index) =>
        JsonSerializer.SerializeToUtf8Bytes(index, Writer.ReleaseIndex);

    /// <summary>The default release id: the first 16 hex digits of the SHA-256 of the serialized index.</summary>
    public static string ComputeReleaseId(ReadOnlySpan<byte> serializedIndex) =>
        Convert.ToHexStringLower(SHA256.HashData(serializedIndex))[..16];

    /// <summary>Parses and validates an index. <paramref name="where"/> names its origin in any error.</summary>
    /// <param name="onAsset">Given each asset as it is read, before the validation (<see cref="IndexReader.Read"/>).</param>
    /// <exception cref="InvalidReleaseException">The document does not parse or breaks a rule of the schema.</exception>
    public static ReleaseIndex Deserialize(ReadOnlySpan<byte> json, string where, Action<AssetRecord>? onAsset = null)
    {
        ReleaseIndex? index;
        try
        {
            index = IndexReader.Read(json, onAsset);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new InvalidReleaseException(where, $"the index is not valid JSON of schema version {ReleaseIndex.OldestSchemaVersion} to {ReleaseIndex.CurrentSchemaVersion}: {e.Message}", e);
        }
        if (index is null)
            throw new InvalidReleaseException(where, "the index is empty (null)");
        Validate(index, where);
        return index;
    }

    /// <summary>The longest content type an index may record: far beyond any real one, far below a response head's limits.</summary>
    public const int MaxContentTypeLength = 256;

    /// <summary>
    /// Checks everything a response is built from, so a hand-edited or damaged index is refused at load (naming the asset and
    /// the field) rather than producing a 500 or wrong bytes at request time.
    /// </summary>
    /// <exception cref="InvalidReleaseException">The index breaks a rule of the schema.</exception>
    public static void Validate(ReleaseIndex index, string where)
    {
        if (index.SchemaVersion is < ReleaseIndex.OldestSchemaVersion or > ReleaseIndex.CurrentSchemaVersion)
            throw new InvalidReleaseException(where, $"schemaVersion {index.SchemaVersion} is not supported (this version reads {ReleaseIndex.OldestSchemaVersion} to {ReleaseIndex.CurrentSchemaVersion})");
        if (index.Rules is not null && index.SchemaVersion < 2)
            throw new InvalidReleaseException(where, $"rules appear in a schemaVersion {index.SchemaVersion} index (they came with version 2)");
        if (index.Assets is null || index.Assets.Count == 0)
            throw new InvalidReleaseException(where, "the index lists no assets (a build never writes an empty release)");
        var seen = new HashSet<string>(index.Assets.Count, StringComparer.Ordinal);
        // A reader shares one string per distinct content type: each is checked once.
        var goodContentTypes = new HashSet<string>(ReferenceEqualityComparer.Instance);
        foreach (var asset in index.Assets)
        {
            string Fail(string problem) => throw new InvalidReleaseException(where, $"asset \"{asset.Path}\": {problem}");
            if (asset.Path is not ['/', ..] || asset.Path.AsSpan().ContainsAny('\\', '\0'))
                Fail("the path must be absolute, with forward slashes");
            if (!seen.Add(asset.Path))
                Fail("the path appears twice");
            if (!goodContentTypes.Contains(asset.ContentType))
            {
                if (ContentTypeProblem(asset.ContentType) is { } contentTypeProblem)
                    Fail($"contentType {contentTypeProblem}");
                goodContentTypes.Add(asset.ContentType);
            }
            if (asset.Size < 0)
                Fail("size is negative");
            if (!IsSha256Hex(asset.Sha256))
                Fail("sha256 is not 64 lowercase hex digits");
            if (asset.Variants.Count == 0 || asset.Variants[0].Encoding != ContentEncoding.Identity)
                Fail("the first variant must be the identity representation");
            if (asset.Variants[0].Size != asset.Size || asset.Variants[0].Sha256 != asset.Sha256)
                Fail("the identity variant's size and sha256 differ from the asset's");
            var encodings = 0;
            HashSet<string>? dictionaries = null;
            foreach (var variant in asset.Variants)
            {
                if (variant.Encoding.IsDelta())
                {
                    if (index.SchemaVersion < ReleaseIndex.DeltaSchemaVersion)
                        Fail($"a {variant.Encoding.Token()} variant appears in a schemaVersion {index.SchemaVersion} index (deltas came with version {ReleaseIndex.DeltaSchemaVersion})");
                    if (!IsSha256Hex(variant.Dictionary) || variant.Dictionary == asset.Sha256)
                        Fail($"the {variant.Encoding.Token()} variant's dictionary is not the 64 lowercase hex digits of another file's sha256");
                    if (!(dictionaries ??= new HashSet<string>(StringComparer.Ordinal)).Add(variant.Dictionary!))
                        Fail($"two {variant.Encoding.Token()} variants name the dictionary {variant.Dictionary}");
                }
                else
                {
                    if (variant.Dictionary is not null)
                        Fail($"the {variant.Encoding.Token()} variant names a dictionary (only a delta has one)");
                    if ((encodings & (1 << (int)variant.Encoding)) != 0)
                        Fail($"encoding {variant.Encoding.Token()} appears twice");
                    encodings |= 1 << (int)variant.Encoding;
                }
                if (variant.Size < 0)
                    Fail($"the {variant.Encoding.Token()} variant's size is negative");
                if (!ReleaseLayout.IsSafeName(variant.Key))
                    Fail($"the {variant.Encoding.Token()} variant's key \"{variant.Key}\" is not a safe content name");
                // Content is addressed by the original's hash and the encoding: a key that says otherwise points at other bytes.
                if (!IsKeyOf(variant.Key, asset.Sha256, variant.Encoding, variant.Dictionary))
                    Fail($"the {variant.Encoding.Token()} variant's key \"{variant.Key}\" is not \"{VariantRecord.KeyOf(asset.Sha256, variant.Encoding, variant.Dictionary)}\"");
                if (!IsSha256Hex(variant.Sha256))
                    Fail($"the {variant.Encoding.Token()} variant's sha256 is not 64 lowercase hex digits");
            }
        }
        if (index.Rules is { } rules)
            ValidateRules(rules, seen, where);
        PreloadChecks.Validate(index, where);
    }

    private static void ValidateRules(SiteRules rules, IReadOnlySet<string> assetPaths, string where)
    {
        static void Check<T>(IReadOnlyList<T> items, string name, Func<T, string?> problem, string where)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (problem(items[i]) is { } found)
                    throw new InvalidReleaseException(where, $"rules.{name}[{i}]: {found}");
            }
        }
        Check(rules.Redirects, "redirects", SiteRuleChecks.Redirect, where);
        Check(rules.Rewrites, "rewrites", rule => SiteRuleChecks.Rewrite(rule, assetPaths), where);
        Check(rules.Headers, "headers", SiteRuleChecks.Header, where);
        Check(rules.NotFoundPages, "notFoundPages", rule => SiteRuleChecks.NotFoundPage(rule, assetPaths), where);
        if (rules.SpaFallback is { } fallback && SiteRuleChecks.SpaFallback(fallback, assetPaths) is { } problem)
            throw new InvalidReleaseException(where, $"rules.spaFallback: {problem}");
    }

    /// <summary>
    /// What is wrong with a content type as a header value (RFC 9110 §8.3.1: type "/" subtype, then parameters), or null.
    /// Visible ASCII, spaces and tabs only: CR, LF, controls and non-ASCII cannot go into a response head.
    /// </summary>
    private static string? ContentTypeProblem(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
            return "is empty";
        if (contentType.Length > MaxContentTypeLength)
            return $"is {contentType.Length} characters long (at most {MaxContentTypeLength})";
        foreach (var c in contentType)
        {
            if (c is not ((>= '!' and <= '~') or ' ' or '\t'))
                return $"holds the character U+{(int)c:X4}, which a header value cannot carry";
        }
        var media = contentType.AsSpan();
        var semicolon = media.IndexOf(';');
        if (semicolon >= 0)
            media = media[..semicolon];
        media = media.Trim(" \t");
        var slash = media.IndexOf('/');
        return slash > 0 && slash < media.Length - 1 && media.IndexOfAny(" \t") < 0 && media[(slash + 1)..].IndexOf('/') < 0
            ? null
            : $"\"{contentType}\" is not type/subtype";
    }

    /// <summary><paramref name="key"/> is <paramref name="sha256"/> followed by the encoding's suffix (compared without building it).</summary>
    private static bool IsKeyOf(string key, string sha256, ContentEncoding encoding, string? dictionary)
    {
        if (!key.StartsWith(sha256, StringComparison.Ordinal) || !key.AsSpan(sha256.Length).StartsWith(encoding.KeySuffix()))
            return false;
        var rest = key.AsSpan(sha256.Length + encoding.KeySuffix().Length);
        return encoding.IsDelta() ? rest is ['.', ..] && rest[1..].SequenceEqual(dictionary) : rest.IsEmpty;
    }

    private static bool IsSha256Hex(string? value) =>
        value is { Length: 64 } && !value.AsSpan().ContainsAnyExcept(LowerHexDigits);

    private static readonly SearchValues<char> LowerHexDigits = SearchValues.Create("0123456789abcdef");
}
