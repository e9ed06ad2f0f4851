using System.Collections.Frozen;

namespace ServeStatic.Build;

/// <summary>
/// The media type of a file from its extension (RFC 6838 registrations; the IANA media-types registry),
/// with <c>; charset=utf-8</c> on textual types, and whether a type is worth compressing.
/// </summary>
internal sealed class MediaTypes
{
    /// <summary>What a file with an unknown extension, or none, is served as (RFC 9110 §8.3).</summary>
    public const string Unknown = "application/octet-stream";

    private const string Utf8 = "; charset=utf-8";

    /// <summary>Extension (lowercase, with the dot) to media type, without parameters.</summary>
    private static readonly FrozenDictionary<string, string> Defaults = new Dictionary<string, string>
    {
        // text
        [".html"] = "text/html", [".htm"] = "text/html", [".css"] = "text/css",
        // RFC 9239 §6: JavaScript is text/javascript, for classic scripts and modules alike.
        [".js"] = "text/javascript", [".mjs"] = "text/javascript", [".cjs"] = "text/javascript",
        [".txt"] = "text/plain", [".text"] = "text/plain", [".md"] = "text/markdown", [".markdown"] = "text/markdown",
        [".csv"] = "text/csv", [".tsv"] = "text/tab-separated-values", [".ics"] = "text/calendar",
        [".vtt"] = "text/vtt", [".xsl"] = "text/xsl", [".xslt"] = "text/xsl",
        [".appcache"] = "text/cache-manifest", [".vcf"] = "text/vcard",
        // structured text
        [".json"] = "application/json", [".map"] = "application/json",
        [".jsonld"] = "application/ld+json", [".geojson"] = "application/geo+json",
        [".webmanifest"] = "application/manifest+json",
        [".xml"] = "application/xml", [".xhtml"] = "application/xhtml+xml", [".rss"] = "application/rss+xml",
        [".atom"] = "application/atom+xml", [".rdf"] = "application/rdf+xml",
        [".wasm"] = "application/wasm", [".yaml"] = "application/yaml", [".yml"] = "application/yaml",
        [".toml"] = "application/toml",
        // images
        [".svg"] = "image/svg+xml", [".png"] = "image/png", [".apng"] = "image/apng",
        [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".jfif"] = "image/jpeg", [".gif"] = "image/gif",
        [".webp"] = "image/webp", [".avif"] = "image/avif", [".jxl"] = "image/jxl", [".heic"] = "image/heic",
        [".heif"] = "image/heif", [".ico"] = "image/vnd.microsoft.icon", [".cur"] = "image/x-icon",
        [".bmp"] = "image/bmp", [".tif"] = "image/tiff", [".tiff"] = "image/tiff",
        // fonts (RFC 8081)
        [".woff"] = "font/woff", [".woff2"] = "font/woff2", [".ttf"] = "font/ttf", [".otf"] = "font/otf",
        [".ttc"] = "font/collection", [".eot"] = "application/vnd.ms-fontobject",
        // audio and video
        [".mp3"] = "audio/mpeg", [".m4a"] = "audio/mp4", [".aac"] = "audio/aac", [".oga"] = "audio/ogg",
        [".ogg"] = "audio/ogg", [".opus"] = "audio/ogg", [".wav"] = "audio/wav", [".flac"] = "audio/flac",
        [".weba"] = "audio/webm", [".mid"] = "audio/midi", [".midi"] = "audio/midi",
        [".mp4"] = "video/mp4", [".m4v"] = "video/mp4", [".webm"] = "video/webm", [".ogv"] = "video/ogg",
        [".mov"] = "video/quicktime", [".avi"] = "video/x-msvideo", [".mpeg"] = "video/mpeg", [".ts"] = "video/mp2t",
        [".m3u8"] = "application/vnd.apple.mpegurl", [".mpd"] = "application/dash+xml",
        // documents and archives
        [".pdf"] = "application/pdf", [".zip"] = "application/zip", [".gz"] = "application/gzip",
        [".tgz"] = "application/gzip", [".br"] = "application/x-brotli", [".zst"] = "application/zstd",
        [".bz2"] = "application/x-bzip2", [".xz"] = "application/x-xz", [".7z"] = "application/x-7z-compressed",
        [".rar"] = "application/vnd.rar", [".tar"] = "application/x-tar", [".jar"] = "application/java-archive",
        [".epub"] = "application/epub+zip", [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odt"] = "application/vnd.oasis.opendocument.text", [".apk"] = "application/vnd.android.package-archive",
        [".dmg"] = "application/x-apple-diskimage", [".exe"] = "application/vnd.microsoft.portable-executable",
        [".bin"] = Unknown, [".pem"] = "application/x-pem-file", [".crt"] = "application/x-x509-ca-cert",
        [".glb"] = "model/gltf-binary", [".gltf"] = "model/gltf+json",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Types whose bytes are already compressed, so compressing them again wastes build time for nothing.</summary>
    private static readonly FrozenSet<string> AlreadyCompressed = new[]
    {
        "font/woff", "font/woff2", "application/pdf", "application/zip", "application/gzip", "application/x-brotli",
        "application/zstd", "application/x-bzip2", "application/x-xz", "application/x-7z-compressed", "application/vnd.rar",
        "application/java-archive", "application/epub+zip", "application/vnd.android.package-archive",
        "application/x-apple-diskimage", "model/gltf-binary",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Images that are not compressed formats (everything else under <c>image/</c> is).</summary>
    private static readonly FrozenSet<string> UncompressedImages = new[]
    {
        "image/svg+xml", "image/vnd.microsoft.icon", "image/x-icon", "image/bmp", "image/tiff",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, string> _byExtension;

    /// <summary>The table, with <paramref name="extra"/> mappings (<c>".ext"</c> → <c>"type/subtype"</c>) added or overriding.</summary>
    /// <exception cref="BuildException">An extra mapping is not <c>.ext</c> → <c>type/subtype</c>.</exception>
    public MediaTypes(IReadOnlyDictionary<string, string>? extra = null)
    {
        if (extra is null or { Count: 0 })
        {
            _byExtension = Defaults;
            return;
        }
        var table = new Dictionary<string, string>(Defaults, StringComparer.Ordinal);
        foreach (var (extension, mediaType) in extra)
        {
            if (extension is not ['.', _, ..] || extension.AsSpan(1).IndexOfAny("./\\ ") >= 0)
                throw new BuildException($"media type mapping \"{extension}\"", "the extension must look like \".ext\"");
            var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == mediaType.Length - 1 || mediaType.Any(char.IsWhiteSpace) || mediaType.Contains(';', StringComparison.Ordinal))
                throw new BuildException($"media type mapping \"{extension}\"", $"\"{mediaType}\" is not a type/subtype without parameters");
            table[extension.ToLowerInvariant()] = mediaType.ToLowerInvariant();
        }
        _byExtension = table.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The <c>Content-Type</c> for a file name or URL path: the media type, with <c>; charset=utf-8</c> when it is textual.</summary>
    public string ContentTypeFor(string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var mediaType = _byExtension.GetValueOrDefault(extension, Unknown);
        return IsTextual(mediaType) ? mediaType + Utf8 : mediaType;
    }

    /// <summary>
    /// Whether a type carries a charset: <c>text/*</c> and XML types (RFC 7303 §3). JSON types do not: RFC 8259 §11
    /// defines no charset parameter for JSON, which is always UTF-8.
    /// </summary>
    public static bool IsTextual(string mediaType) =>
        mediaType.StartsWith("text/", StringComparison.Ordinal)
        || mediaType is "application/xml" || mediaType.EndsWith("+xml", StringComparison.Ordinal);

    /// <summary>Whether compressing a representation of this <c>Content-Type</c> can pay: false for already-compressed formats.</summary>
    public static bool IsCompressible(string contentType)
    {
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        if (mediaType.StartsWith("image/", StringComparison.Ordinal))
            return UncompressedImages.Contains(mediaType);
        if (mediaType.StartsWith("audio/", StringComparison.Ordinal) || mediaType.StartsWith("video/", StringComparison.Ordinal))
            return mediaType is "audio/wav" or "audio/midi";
        return !AlreadyCompressed.Contains(mediaType);
    }
}
