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
        var strings = JsonStrings.Read(json, at => JsonStrings.Matches(at, "imports", "*") || JsonStrings.Matches(at, "scopes", "*", "*"), offset);
        return strings.ConvertAll(value => new Reference(value.Start, value.Length, value.Value, ReferenceRole.Module));
    }
}
