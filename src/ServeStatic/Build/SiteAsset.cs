namespace ServeStatic.Build;

/// <summary>
/// One asset on its way through the build: made from a scanned file, possibly rewritten or added by a transform pass
/// (fingerprinting), then hashed, compressed and written.
/// </summary>
/// <param name="UrlPath">The URL path it is served at: absolute, unescaped, forward slashes, exact case.</param>
/// <param name="ContentType">The <c>Content-Type</c> it is served with.</param>
/// <param name="LastModified">Whole seconds, UTC.</param>
/// <param name="Immutable">True when the URL carries the content hash, so it may be cached for a year.</param>
/// <param name="Content">Where its bytes come from.</param>
internal sealed record SiteAsset(string UrlPath, string ContentType, DateTimeOffset LastModified, bool Immutable, AssetContent Content);
