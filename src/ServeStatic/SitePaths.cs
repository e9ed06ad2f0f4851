namespace ServeStatic;

/// <summary>Names in a site's paths that the builder, the fingerprinter and the responder agree on.</summary>
internal static class SitePaths
{
    /// <summary>The one dot-folder a site publishes (RFC 8615): the builder keeps it, the fingerprinter leaves its names alone, the responder serves it.</summary>
    public const string WellKnown = ".well-known";

    /// <summary>A URL path (unescaped, as the index holds it) as it goes into a header: each segment percent-encoded (RFC 3986 §2.1).</summary>
    public static string Escape(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
