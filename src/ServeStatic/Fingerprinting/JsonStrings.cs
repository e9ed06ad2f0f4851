using System.Text.Json;

namespace ServeStatic.Fingerprinting;

/// <summary>One string value of a JSON document and where it sits: <see cref="Location"/> holds the property names from the
/// root, with <c>[]</c> for an array element (<c>icons, [], src</c>).</summary>
internal readonly record struct JsonString(IReadOnlyList<string> Location, int Start, int Length, string Value);

/// <summary>Walks a JSON document (the JSON files the scanners read: source maps, web manifests, import maps) and lists its string values with their raw offsets.</summary>
internal static class JsonStrings
{
    /// <summary>
    /// The string values of <paramref name="json"/> at the locations <paramref name="wanted"/> accepts (only those are decoded:
    /// a source map's <c>sourcesContent</c> can be megabytes), offsets counted from <paramref name="offset"/>; empty when the document is not JSON.
    /// </summary>
    public static List<JsonString> Read(ReadOnlySpan<byte> json, Func<IReadOnlyList<string>, bool> wanted, int offset = 0)
    {
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return Read(json[3..], wanted, offset + 3);
        var found = new List<JsonString>();
        var location = new List<string>();
        var inArray = new Stack<bool>();
        string? property = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (inArray.Count > 0)
                            location.Add(inArray.Peek() ? "[]" : property!);
                        inArray.Push(reader.TokenType == JsonTokenType.StartArray);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        inArray.Pop();
                        if (location.Count > 0 && inArray.Count > 0)
                            location.RemoveAt(location.Count - 1);
                        break;
                    case JsonTokenType.String when inArray.Count > 0:
                        location.Add(inArray.Peek() ? "[]" : property!);
                        if (wanted(location))
                            found.Add(new JsonString([.. location], offset + (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, reader.GetString()!));
                        location.RemoveAt(location.Count - 1);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return [];
        }
        return found;
    }

    public static bool Matches(IReadOnlyList<string> location, params ReadOnlySpan<string> pattern)
    {
        if (location.Count != pattern.Length)
            return false;
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != "*" && pattern[i] != location[i])
                return false;
        }
        return true;
    }
}
