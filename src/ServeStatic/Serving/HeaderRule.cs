namespace ServeStatic.Serving;

/// <summary>
/// Sets one response header on every asset whose path matches <see cref="Glob"/>, e.g. <c>*.html</c> →
/// <c>Cache-Control: no-cache</c>. <see cref="Glob"/> is a <see cref="SitePathGlob"/> (docs/globs.md), the dialect of
/// <c>servestatic build --exclude</c> and <c>--entry-point</c>. Later rules win over earlier ones for the same header.
/// </summary>
public sealed class HeaderRule
{
    public string Glob { get; set; } = "";

    public string Name { get; set; } = "";

    public string Value { get; set; } = "";
}
