using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ServeStatic.Serving;

/// <summary>What the conditional headers of a GET or HEAD decide.</summary>
internal enum PreconditionOutcome
{
    /// <summary>Send the representation (or the requested range of it).</summary>
    Proceed,

    /// <summary>304: the client's copy is current.</summary>
    NotModified,

    /// <summary>412: an If-Match or If-Unmodified-Since condition is false.</summary>
    Failed,
}

/// <summary>Evaluates the validators of a request against the chosen representation (RFC 9110 §13).</summary>
internal static class Preconditions
{
    /// <summary>RFC 9110 §13.2.2: If-Match, else If-Unmodified-Since; then If-None-Match, else If-Modified-Since.</summary>
    public static PreconditionOutcome Evaluate(IHeaderDictionary request, Asset asset, Representation representation)
    {
        // Step 1 (§13.1.1): If-Match uses the strong comparison.
        var ifMatch = request.IfMatch;
        if (ifMatch.Count > 0)
        {
            if (!AnyTagMatches(ifMatch, representation.ETag, weak: false))
                return PreconditionOutcome.Failed;
        }
        // Step 2 (§13.1.4): If-Unmodified-Since only without If-Match; an invalid date is ignored.
        else if (TryParseDate(request.IfUnmodifiedSince, out var unmodifiedSince) && asset.LastModified > unmodifiedSince)
        {
            return PreconditionOutcome.Failed;
        }

        // Step 3 (§13.1.2): If-None-Match uses the weak comparison; a match on GET or HEAD is a 304.
        var ifNoneMatch = request.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
            return AnyTagMatches(ifNoneMatch, representation.ETag, weak: true) ? PreconditionOutcome.NotModified : PreconditionOutcome.Proceed;
        // Step 4 (§13.1.3): If-Modified-Since only without If-None-Match; an invalid date is ignored.
        if (TryParseDate(request.IfModifiedSince, out var modifiedSince) && asset.LastModified <= modifiedSince)
            return PreconditionOutcome.NotModified;
        return PreconditionOutcome.Proceed;
    }

    /// <summary>
    /// RFC 9110 §13.1.5: a Range applies only when If-Range is absent or matches: an entity tag by the strong comparison
    /// (a weak one never matches), a date only when it equals Last-Modified exactly. Anything else means "send it all".
    /// </summary>
    public static bool IfRangeHolds(IHeaderDictionary request, Asset asset, Representation representation)
    {
        var ifRange = request.IfRange;
        if (ifRange.Count == 0)
            return true;
        if (ifRange.Count > 1)
            return false;
        var value = ifRange[0].AsSpan().Trim(" \t");
        if (value is ['"', ..])
            return value.SequenceEqual(representation.ETag);
        return !value.StartsWith("W/", StringComparison.Ordinal)
            && TryParseDate(ifRange, out var date) && date == asset.LastModified;
    }

    /// <summary>
    /// Whether the list (<c>*</c> or <c>#entity-tag</c>, RFC 9110 §8.8.3) holds our tag. Entity tags are parsed by their quotes,
    /// since an opaque tag may contain a comma; a malformed member is skipped.
    /// </summary>
    private static bool AnyTagMatches(StringValues header, string etag, bool weak)
    {
        foreach (var line in header)
        {
            var rest = line.AsSpan();
            while (true)
            {
                rest = rest.TrimStart(" \t,");
                if (rest.IsEmpty)
                    break;
                if (rest[0] == '*')
                    return true;
                var isWeak = rest.StartsWith("W/", StringComparison.Ordinal);
                if (isWeak)
                    rest = rest[2..];
                if (rest is ['"', ..] && rest[1..].IndexOf('"') is var close and >= 0)
                {
                    var tag = rest[..(close + 2)];
                    // §8.8.3.2: the strong comparison needs both tags strong; the weak one compares the opaque tags alone.
                    if ((weak || !isWeak) && tag.SequenceEqual(etag))
                        return true;
                    rest = rest[(close + 2)..];
                }
                var comma = rest.IndexOf(',');
                if (comma < 0)
                    break;
                rest = rest[comma..];
            }
        }
        return false;
    }

    /// <summary>An HTTP-date (RFC 9110 §5.6.7); a list, or anything that does not parse, is no date at all.</summary>
    private static bool TryParseDate(StringValues header, out DateTimeOffset date)
    {
        date = default;
        return header.Count == 1 && HeaderUtilities.TryParseDate(header[0], out date);
    }
}
