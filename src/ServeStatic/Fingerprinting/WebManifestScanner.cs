namespace ServeStatic.Fingerprinting;

/// <summary>
/// Finds the image URLs of a web application manifest (W3C Web Application Manifest, "ImageResource"): the <c>src</c> of
/// every entry of <c>icons</c>, <c>screenshots</c> and each shortcut's <c>icons</c>. They resolve against the manifest's own URL.
/// </summary>
internal static class WebManifestScanner
{
    public static List<Reference> Scan(ReadOnlySpan<byte> json)
    {
        var strings = JsonStrings.Read(json, at => JsonStrings.Matches(at, "icons", "[]", "src")
            || JsonStrings.Matches(at, "screenshots", "[]", "src")
            || JsonStrings.Matches(at, "shortcuts", "[]", "icons", "[]", "src"));
        return strings.ConvertAll(value => new Reference(value.Start, value.Length, value.Value.Trim(), ReferenceRole.Resource));
    }
}
