namespace ServeStatic.Fingerprinting;

/// <summary>
/// Finds the addresses of an inline import map (<c>&lt;script type="importmap"&gt;</c>, HTML "import maps"): the values of
/// <c>imports</c> and of each scope in <c>scopes</c>. Keys are specifiers and stay as written, so a bare <c>import "app"</c>
/// mapped to <c>/js/app.js</c> reaches the fingerprinted file through the rewritten value.
/// </summary>
internal static class ImportMapScanner
{
    public static List<Reference> Scan(ReadOnlySpan<byte> json, int offset)
    {
        var found = new List<Reference>();
        foreach (var value in JsonStrings.Read(json, offset))
        {
            if (JsonStrings.Matches(value.Location, "imports", "*") || JsonStrings.Matches(value.Location, "scopes", "*", "*"))
                found.Add(new Reference(value.Start, value.Length, value.Value, ReferenceRole.Module));
        }
        return found;
    }
}
