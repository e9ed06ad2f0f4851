namespace ServeStatic.Build;

/// <summary>What a scan of a site found.</summary>
/// <param name="Files">Every file to serve, ordered by URL path (ordinal).</param>
/// <param name="Warnings">One line for each entry left out that the site may have meant to serve: a named pipe, a device or a socket.</param>
internal sealed record SiteScan(IReadOnlyList<SiteFile> Files, IReadOnlyList<string> Warnings);
