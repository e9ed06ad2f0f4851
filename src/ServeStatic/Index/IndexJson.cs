using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServeStatic.Index;

/// <summary>The source-generated serializer for the index document (see docs/index-format.md).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(ContentEncodingJsonConverter)])]
[JsonSerializable(typeof(ReleaseIndex))]
internal sealed partial class IndexJson : JsonSerializerContext;

/// <summary>Writes an encoding as its HTTP token (<c>"br"</c>), and reads only the tokens we know.</summary>
internal sealed class ContentEncodingJsonConverter : JsonConverter<ContentEncoding>
{
    public override ContentEncoding Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var token = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return token is not null && ContentEncodings.TryParseToken(token, out var encoding)
            ? encoding
            : throw new JsonException($"unknown content encoding {(token is null ? reader.TokenType.ToString() : $"\"{token}\"")}");
    }

    public override void Write(Utf8JsonWriter writer, ContentEncoding value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Token());
}
