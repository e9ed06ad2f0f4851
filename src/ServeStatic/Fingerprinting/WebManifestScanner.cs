namespace ServeStatic.Fingerprinting;

/// <summary>
/// Finds the image URLs of a web application manifest (W3C Web Application Manifest, "ImageResource"): the <c>src</c> of
/// every entry of <c>icons</c>, <c>screenshots</c> and each shortcut's <c>icons</c>. They resolve against the manifest's own URL.
/// </summary>
internal static class WebManifestScanner
{
    public static List<Reference> Scan(ReadOnlySpan<byte> json)
    {
        var found = new List<Reference>();
        foreach (var value in JsonStrings.Read(json))
        {
            if (JsonStrings.Matches(value.Location, "icons", "[]", "src")
                || JsonStrings.Matches(value.Location, "screenshots", "[]", "src")
                || JsonStrings.Matches(value.Location, "shortcuts", "[]", "icons", "[]", "src"))
                found.Add(new Reference(value.Start, value.Length, value.Value.Trim(), ReferenceRole.Resource));
        }
        return found;
    }
}
