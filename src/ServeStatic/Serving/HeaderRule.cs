namespace ServeStatic.Serving;

/// <summary>
/// Sets one response header on every asset whose path matches <see cref="Glob"/>, e.g. <c>*.html</c> →
/// <c>Cache-Control: no-cache</c>. A glob without a slash matches the file name in any folder; with a slash it
/// matches the whole path. <c>*</c> matches within one segment, <c>**</c> across segments, <c>?</c> one character.
/// Later rules win over earlier ones for the same header.
/// </summary>
public sealed class HeaderRule
{
    public string Glob { get; set; } = "";

    public string Name { get; set; } = "";

    public string Value { get; set; } = "";
}
