namespace ServeStatic.Fingerprinting;

/// <summary>
/// The fingerprinted name of a file: the first <see cref="HashLength"/> lowercase hex digits of a SHA-256, inserted before
/// the extension (<c>/css/app.css</c> → <c>/css/app.3f2a9c1b7d.css</c>; <c>jquery.min.js</c> → <c>jquery.min.&lt;hash&gt;.js</c>;
/// a name without an extension gets it appended: <c>LICENSE.&lt;hash&gt;</c>).
/// </summary>
internal static class FingerprintName
{
    /// <summary>Ten hex digits, 40 bits: the name also carries the file's own name, so this only has to tell versions of one file apart.</summary>
    public const int HashLength = 10;

    public static string Apply(string path, string hash)
    {
        var extension = Extension(path);
        return $"{path[..^extension.Length]}.{hash}{extension}";
    }

    /// <summary>
    /// The name <see cref="Apply"/> made this one from (<c>/css/app.3f2a9c1b7d.css</c> → <c>/css/app.css</c>), or null when the
    /// last segment carries no hash of <see cref="HashLength"/> lowercase hex digits before its extension.
    /// </summary>
    public static string? Unhashed(string path)
    {
        var extension = Extension(path);
        var stem = path.AsSpan(0, path.Length - extension.Length);
        var nameStart = path.LastIndexOf('/') + 1;
        if (stem.Length - nameStart < HashLength + 2 || stem[^(HashLength + 1)] != '.'
            || stem[^HashLength..].IndexOfAnyExcept("0123456789abcdef") >= 0)
        {
            return null;
        }
        return string.Concat(stem[..^(HashLength + 1)], extension);
    }

    /// <summary>The extension of the last segment, dot included; empty when it has none (a leading dot does not start one).</summary>
    public static string Extension(string path)
    {
        var nameStart = path.LastIndexOf('/') + 1;
        var dot = path.LastIndexOf('.');
        return dot > nameStart ? path[dot..] : "";
    }

    /// <summary>
    /// Rewrites the raw text of a reference to <paramref name="targetPath"/> so that it names the fingerprinted file,
    /// keeping everything else as written (directory part, percent-escapes, query, fragment). Null when the extension
    /// is not written literally (escaped), so the hash cannot be placed.
    /// </summary>
    public static string? RewriteReference(string raw, string targetPath, string hash)
    {
        var pathEnd = raw.AsSpan().IndexOfAny('?', '#');
        if (pathEnd < 0)
            pathEnd = raw.Length;
        var extension = Latin1Text.EncodeUtf8(Extension(targetPath));
        if (pathEnd == 0 || raw[pathEnd - 1] == '/')
            return null;
        if (extension.Length > 0 && !raw.AsSpan(0, pathEnd).EndsWith(extension, StringComparison.Ordinal))
            return null;
        var insertAt = pathEnd - extension.Length;
        return $"{raw[..insertAt]}.{hash}{raw[insertAt..]}";
    }
}
