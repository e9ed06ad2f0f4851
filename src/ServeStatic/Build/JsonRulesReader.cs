using System.Text.Json;

namespace ServeStatic.Build;

/// <summary>Reads a JSON rules file (<c>servestatic.json</c>, <c>staticwebapp.config.json</c>) a token at a time.</summary>
internal delegate void JsonRulesParse(ref JsonRulesReader reader);

/// <summary>
/// A JSON rules file read a token at a time, knowing the line of each token, so that every error names the file and the
/// line of the rule it is about (<c>site/servestatic.json:7: problem</c>). Comments and trailing commas are allowed.
/// </summary>
internal ref struct JsonRulesReader
{
    private readonly string _path;
    private readonly byte[] _json;
    private Utf8JsonReader _reader;

    private JsonRulesReader(string path, byte[] json)
    {
        _path = path;
        _json = json;
        _reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
    }

    /// <exception cref="BuildException">The file cannot be read, is not JSON, or <paramref name="parse"/> refuses it; the message names the file and line.</exception>
    public static void Read(string path, JsonRulesParse parse)
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
        var reader = new JsonRulesReader(path, json);
        try
        {
            parse(ref reader);
            if (reader._reader.Read())
                throw reader.Error(reader.Line, "unexpected content after the end of the rules");
        }
        catch (JsonException e)
        {
            throw new BuildException($"{path}:{e.LineNumber + 1}", $"not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>The line of the current token, from 1.</summary>
    public readonly int Line => 1 + _json.AsSpan(0, (int)_reader.TokenStartIndex).Count((byte)'\n');

    public readonly JsonTokenType TokenType => _reader.TokenType;

    /// <summary>Reads the next token, which must be a <paramref name="type"/>.</summary>
    public void Start(JsonTokenType type, string what)
    {
        Next();
        Expect(type, what);
    }

    /// <summary>The next property of the object being read, or false at its end.</summary>
    public bool NextProperty(out string name, out int line)
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

    public string Text(string what)
    {
        Next();
        return Expect(JsonTokenType.String, what).GetString()!;
    }

    public bool Bool(string what)
    {
        Next();
        return _reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw Error(Line, $"{what} is {Worded(_reader.TokenType)}, where true or false was expected"),
        };
    }

    public int WholeNumber(string what)
    {
        Next();
        return Expect(JsonTokenType.Number, what).TryGetInt32(out var number) ? number : throw Error(Line, $"{what} is not a whole number");
    }

    /// <summary>The strings of an array (<c>["a", "b"]</c>).</summary>
    public List<string> Texts(string what)
    {
        List<string> texts = [];
        for (Start(JsonTokenType.StartArray, what); Next() != JsonTokenType.EndArray;)
            texts.Add(Expect(JsonTokenType.String, what + " item").GetString()!);
        return texts;
    }

    /// <summary>The properties of an object of strings (<c>{ "Name": "value" }</c>), each with its line, in file order.</summary>
    public List<(string Name, string Value, int Line)> TextProperties(string what)
    {
        Start(JsonTokenType.StartObject, what);
        List<(string Name, string Value, int Line)> properties = [];
        while (NextProperty(out var name, out var line))
            properties.Add((name, Text(name), line));
        return properties;
    }

    public JsonTokenType Next() => _reader.Read() ? _reader.TokenType : throw Error(Line, "the file ends early");

    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public ref Utf8JsonReader Expect(JsonTokenType type, string what)
    {
        if (_reader.TokenType != type)
            throw Error(Line, $"{what} is {Worded(_reader.TokenType)}, where {Worded(type)} was expected");
        return ref _reader;
    }

    public readonly BuildException Error(int line, string problem) => new($"{_path}:{line}", problem);

    public readonly BuildException Unknown(string name, int line, string where, string known) =>
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
