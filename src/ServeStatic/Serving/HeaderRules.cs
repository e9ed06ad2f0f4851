namespace ServeStatic.Serving;

/// <summary>The configured <see cref="HeaderRule"/>s with their globs parsed, applied to each asset path once, when the index is loaded.</summary>
internal sealed class HeaderRules
{
    private static readonly List<KeyValuePair<string, string>> None = [];
    private readonly (SitePathGlob Glob, HeaderRule Rule)[] _rules;

    /// <exception cref="FormatException">A rule's glob is not a <see cref="SitePathGlob"/> (options validation refuses it first).</exception>
    public HeaderRules(IEnumerable<HeaderRule> rules) => _rules = [.. rules.Select(rule => (SitePathGlob.Parse(rule.Glob), rule))];

    /// <summary>The headers the rules set for <paramref name="path"/>, in rule order, a later rule replacing an earlier one's value.</summary>
    /// <remarks>Without rules, one shared empty list (never changed by its callers): a load asks for every asset.</remarks>
    public List<KeyValuePair<string, string>> For(string path)
    {
        if (_rules.Length == 0)
            return None;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (glob, rule) in _rules)
        {
            if (!glob.Matches(path))
                continue;
            headers.RemoveAll(h => string.Equals(h.Key, rule.Name, StringComparison.OrdinalIgnoreCase));
            headers.Add(new(rule.Name, rule.Value));
        }
        return headers;
    }
}
