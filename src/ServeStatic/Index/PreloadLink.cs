using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServeStatic.Index;

/// <summary>
/// One resource an HTML page needs first, found by the build (docs/preload-hints.md) and sent in the page's <c>Link</c> header.
/// </summary>
/// <param name="Path">The target asset's URL path, as in the index: the URL the page requests (the fingerprinted one after fingerprinting).</param>
/// <param name="As">What the target is, which decides the link's <c>rel</c> and <c>as</c>.</param>
/// <param name="Type">A font's media type (<c>font/woff2</c>), its asset's content type; null for the other kinds.</param>
/// <param name="Integrity">The <c>integrity</c> the page's own tag gives a stylesheet or module script, mirrored so the preloaded
/// response is the one the tag accepts; null when the page gives none.</param>
internal sealed record PreloadLink(string Path, PreloadKind As, string? Type = null, string? Integrity = null);

/// <summary>The kinds of preload link: a fixed set, each one way of fetching that the page's own tags would use.</summary>
[JsonConverter(typeof(PreloadKindJsonConverter))]
internal enum PreloadKind
{
    /// <summary>A stylesheet: <c>rel=preload; as=style</c>.</summary>
    Style,

    /// <summary>A module script or a module it imports statically: <c>rel=modulepreload</c>.</summary>
    Module,

    /// <summary>A font of a stylesheet's <c>@font-face</c>: <c>rel=preload; as=font; type=…; crossorigin</c> (fonts are always fetched with CORS).</summary>
    Font,
}

internal static class PreloadKinds
{
    /// <summary>The token the index writes: <c>style</c>, <c>module</c>, <c>font</c>.</summary>
    public static string Token(this PreloadKind kind) => kind switch
    {
        PreloadKind.Style => "style",
        PreloadKind.Module => "module",
        PreloadKind.Font => "font",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParseToken(ReadOnlySpan<char> token, out PreloadKind kind)
    {
        (var known, kind) = token switch
        {
            "style" => (true, PreloadKind.Style),
            "module" => (true, PreloadKind.Module),
            "font" => (true, PreloadKind.Font),
            _ => (false, default),
        };
        return known;
    }
}

/// <summary>Writes a kind as its token (<c>"style"</c>), and reads only the tokens we know.</summary>
internal sealed class PreloadKindJsonConverter : JsonConverter<PreloadKind>
{
    public override PreloadKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var token = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return token is not null && PreloadKinds.TryParseToken(token, out var kind)
            ? kind
            : throw new JsonException($"unknown preload kind {(token is null ? reader.TokenType.ToString() : $"\"{token}\"")} (style, module or font)");
    }

    public override void Write(Utf8JsonWriter writer, PreloadKind value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Token());
}
