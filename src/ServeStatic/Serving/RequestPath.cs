using System.Buffers;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ServeStatic.Serving;

/// <summary>What a request path is, once decoded.</summary>
internal enum PathVerdict
{
    /// <summary>Canonical: may be looked up.</summary>
    Canonical,

    /// <summary>Well-formed but never a site path (dot segments, dot-files, backslashes, encoded slashes, empty segments, too long): 404.</summary>
    NotFound,

    /// <summary>Not a valid path at all (a bad percent-escape, invalid or overlong UTF-8, a control character): 400.</summary>
    BadRequest,

    /// <summary>Percent-encoded: <see cref="RequestPath.Decode"/> it, then it is one of the others.</summary>
    Encoded,
}

/// <summary>
/// Turns the request target into the canonical, unescaped path the index is keyed by: percent-decoded exactly once
/// (RFC 3986 §2.1), strict UTF-8, then refused unless every segment is a plain name. The raw target is used, not the
/// server's normalised path, so <c>/a/%2e%2e/b</c> is refused rather than quietly resolved to <c>/b</c>.
/// </summary>
internal static class RequestPath
{
    /// <summary>The longest decoded path looked up, in characters; the caller's buffers are this long.</summary>
    public const int MaxLength = 2048;

    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The path of the request target, checked when it needs no decoding (the common case, which then allocates nothing).</summary>
    /// <param name="path">The canonical path, a slice of the request's own strings; for <see cref="PathVerdict.Encoded"/>, the encoded path.</param>
    public static PathVerdict Canonicalize(HttpContext context, out ReadOnlySpan<char> path)
    {
        path = default;
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        ReadOnlySpan<char> target;
        if (context.Request.PathBase.HasValue || raw is not ['/', ..])
        {
            // Under a path base, or with no origin-form target, only the server's decoded path is at hand. Servers leave
            // an encoded slash encoded, so one still shows as %2F here.
            target = context.Request.Path.Value;
            if (target.Contains("%2f", StringComparison.OrdinalIgnoreCase) || target.Contains("%5c", StringComparison.OrdinalIgnoreCase))
                return PathVerdict.NotFound;
            if (target.Length > MaxLength)
                return PathVerdict.NotFound;
            path = target;
            return Check(path);
        }
        target = raw.AsSpan();
        var query = target.IndexOf('?');
        if (query >= 0)
            target = target[..query];
        if (target.Length > MaxLength * 3)
            return PathVerdict.NotFound;
        path = target;
        return target.Contains('%') ? PathVerdict.Encoded : target.Length > MaxLength ? PathVerdict.NotFound : Check(path);
    }

    /// <summary>Decodes an <see cref="PathVerdict.Encoded"/> path into the caller's buffers (<see cref="MaxLength"/> long) and checks it.</summary>
    public static PathVerdict Decode(ReadOnlySpan<char> encoded, Span<byte> bytes, Span<char> chars, out ReadOnlySpan<char> path)
    {
        path = default;
        var verdict = Decode(encoded, bytes, out var byteCount);
        if (verdict != PathVerdict.Canonical)
            return verdict;
        if (Utf8.ToUtf16(bytes[..byteCount], chars, out _, out var charCount, replaceInvalidSequences: false) != OperationStatus.Done)
            return PathVerdict.BadRequest;
        path = chars[..charCount];
        return Check(path);
    }

    /// <summary>Percent-decodes once into bytes. An encoded slash or backslash would change the path's structure, so it is refused.</summary>
    private static PathVerdict Decode(ReadOnlySpan<char> target, Span<byte> bytes, out int count)
    {
        count = 0;
        for (var i = 0; i < target.Length; i++)
        {
            var c = target[i];
            if (c > 0x7F)
                return PathVerdict.BadRequest;
            if (count == bytes.Length)
                return PathVerdict.NotFound;
            if (c != '%')
            {
                bytes[count++] = (byte)c;
                continue;
            }
            if (i + 2 >= target.Length || !Hex.Contains(target[i + 1]) || !Hex.Contains(target[i + 2]))
                return PathVerdict.BadRequest;
            var b = (byte)((HexValue(target[i + 1]) << 4) | HexValue(target[i + 2]));
            if (b is (byte)'/' or (byte)'\\')
                return PathVerdict.NotFound;
            bytes[count++] = b;
            i += 2;
        }
        return PathVerdict.Canonical;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private const string WellKnownPrefix = SitePaths.WellKnown + "/";

    /// <summary>An absolute path whose segments are plain names: no control characters, no backslash, no empty, dot or dot-file segment.</summary>
    private static PathVerdict Check(ReadOnlySpan<char> path)
    {
        if (path is not ['/', ..])
            return PathVerdict.NotFound;
        foreach (var c in path)
        {
            if (char.IsControl(c))
                return PathVerdict.BadRequest;
            if (c == '\\')
                return PathVerdict.NotFound;
        }
        var rest = path[1..];
        // RFC 8615: /.well-known/ is the one dot-folder a site publishes (the build keeps it too).
        if (rest.StartsWith(WellKnownPrefix, StringComparison.Ordinal))
            rest = rest[WellKnownPrefix.Length..];
        while (!rest.IsEmpty)
        {
            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            // An empty segment (//) or one starting with a dot (., .., .env) is never a site path.
            if (segment.IsEmpty || segment[0] == '.')
                return PathVerdict.NotFound;
            if (slash < 0)
                break;
            rest = rest[(slash + 1)..];
        }
        return PathVerdict.Canonical;
    }
}
