namespace ServeStatic.Fingerprinting;

/// <summary>
/// Finds the URLs of a source map (Source Map specification, "Source map format"): each entry of <c>sources</c>, resolved
/// against <c>sourceRoot</c> when it has one, and <c>file</c>, the generated file. Both are <see cref="ReferenceRole.Link"/>:
/// original sources are often not deployed, which breaks nothing a visitor sees.
/// </summary>
internal static class SourceMapScanner
{
    public static List<Reference> Scan(ReadOnlySpan<byte> json)
    {
        var strings = JsonStrings.Read(json, at => JsonStrings.Matches(at, "sourceRoot") || JsonStrings.Matches(at, "sources", "[]") || JsonStrings.Matches(at, "file"));
        var root = strings.FirstOrDefault(s => JsonStrings.Matches(s.Location, "sourceRoot")).Value ?? "";
        if (root.Length > 0 && !root.EndsWith('/'))
            root += "/";
        var found = new List<Reference>();
        foreach (var value in strings)
        {
            if (JsonStrings.Matches(value.Location, "sources", "[]"))
                found.Add(new Reference(value.Start, value.Length, IsRelative(value.Value) ? root + value.Value : value.Value, ReferenceRole.Link));
            else if (JsonStrings.Matches(value.Location, "file"))
                found.Add(new Reference(value.Start, value.Length, value.Value, ReferenceRole.Link));
        }
        return found;
    }

    private static bool IsRelative(string url) => !url.StartsWith('/') && !url.Contains(':', StringComparison.Ordinal);
}
