using System.Text.Json;

namespace ServeStatic.Index;

internal static partial class IndexReader
{
    /// <summary>An asset's optional <c>preload</c>: an array of <c>{ "path", "as", "type"?, "integrity"? }</c>.</summary>
    private static List<PreloadLink> Preload(ref Utf8JsonReader reader, Where where)
    {
        Next(ref reader);
        Expect(ref reader, JsonTokenType.StartArray, where, "preload");
        var links = new List<PreloadLink>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            var at = $"{where}.preload[{links.Count}]";
            Expect(ref reader, JsonTokenType.StartObject, at);
            string? path = null, type = null, integrity = null;
            PreloadKind? kind = null;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("path"u8))
                    path = String(ref reader, where, "preload.path");
                else if (reader.ValueTextEquals("as"u8))
                {
                    var token = String(ref reader, where, "preload.as");
                    kind = PreloadKinds.TryParseToken(token, out var parsed) ? parsed
                        : throw new JsonException($"{at}.as: unknown preload kind \"{token}\" (style, module or font)");
                }
                else if (reader.ValueTextEquals("type"u8))
                    type = String(ref reader, where, "preload.type");
                else if (reader.ValueTextEquals("integrity"u8))
                    integrity = String(ref reader, where, "preload.integrity");
                else
                    Skip(ref reader);
            }
            links.Add(new PreloadLink(path ?? throw Missing("path", at), kind ?? throw Missing("as", at), type, integrity));
        }
        return links;
    }
}
