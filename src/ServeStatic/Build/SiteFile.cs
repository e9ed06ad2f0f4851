namespace ServeStatic.Build;

/// <summary>One file the scan found.</summary>
/// <param name="UrlPath">Its URL path: absolute, unescaped, forward slashes, exact case (<c>/css/app.css</c>).</param>
/// <param name="FullPath">Where it is on disk (through any symbolic link inside the site).</param>
/// <param name="LastModified">Its modification time, truncated to whole seconds, UTC.</param>
internal sealed record SiteFile(string UrlPath, string FullPath, DateTimeOffset LastModified);
