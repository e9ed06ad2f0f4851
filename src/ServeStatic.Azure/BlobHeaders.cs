namespace ServeStatic.Azure;

/// <summary>The <c>Cache-Control</c> each kind of blob carries, so the container is correct even when read directly.</summary>
internal static class BlobHeaders
{
    /// <summary>Content blobs are content-addressed and never change (RFC 8246 immutable).</summary>
    public const string ContentCacheControl = "public, max-age=31536000, immutable";

    /// <summary>An index is never rewritten either, but it is read by tools, so it is kept short.</summary>
    public const string IndexCacheControl = "public, max-age=60";

    /// <summary>The pointer changes on every switch: always revalidate (RFC 9111 §5.2.2.4).</summary>
    public const string CurrentCacheControl = "no-cache";

    public const string IndexContentType = "application/json; charset=utf-8";
    public const string CurrentContentType = "text/plain; charset=utf-8";

    /// <summary>Index blob metadata written by the publisher, so listing releases need not read every index.</summary>
    public const string AssetsMetadata = "assets";
    public const string BytesMetadata = "bytes";

    /// <summary>How many files the release has (its URL paths less fingerprinted twins); with it, <see cref="BytesMetadata"/> counts each file once.</summary>
    public const string FilesMetadata = "files";

    /// <summary>When the index was published (ISO 8601, to the 100 ns): listings give the creation time only to the second.</summary>
    public const string PublishedMetadata = "published";

    /// <summary><c>current</c> blob metadata: the previously active release ids, newest first, comma-separated.</summary>
    public const string HistoryMetadata = "history";
}
