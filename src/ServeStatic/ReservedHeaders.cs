namespace ServeStatic;

/// <summary>
/// The headers the responder computes per representation and per request: neither a site's rules file nor the
/// <c>HeaderRules</c> setting may set them.
/// </summary>
internal static class ReservedHeaders
{
    private static readonly string[] Names =
        ["Content-Length", "Content-Encoding", "Content-Range", "Transfer-Encoding", "ETag", "Last-Modified", "Vary", "Accept-Ranges"];

    public static bool Contains(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);
}
