namespace ServeStatic.Serving;

/// <summary>
/// One instance of each equal string while a snapshot is built: an index parsed from JSON holds a separate copy of every
/// content type, and formatted dates and cache policies repeat across thousands of assets. Dropped with the load.
/// </summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    public string Get(string value)
    {
        if (_strings.TryGetValue(value, out var pooled))
            return pooled;
        _strings.Add(value, value);
        return value;
    }
}
