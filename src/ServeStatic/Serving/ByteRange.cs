using Microsoft.Extensions.Primitives;

namespace ServeStatic.Serving;

/// <summary>What a <c>Range</c> header asks of a representation.</summary>
internal enum RangeVerdict
{
    /// <summary>No range applies (absent, syntactically invalid, another unit, or several ranges): send it all with 200.</summary>
    Whole,

    /// <summary>One satisfiable range: 206.</summary>
    Partial,

    /// <summary>A range that starts beyond the end: 416 with <c>Content-Range: bytes */size</c>.</summary>
    Unsatisfiable,
}

/// <summary>
/// One byte range of a representation (RFC 9110 §14.1.2), parsed from <c>Range</c> without allocating. Only single ranges are
/// honoured; a request for several is answered with the whole representation (§14.2 lets a server ignore Range), so many
/// overlapping ranges can never produce a body larger than the file.
/// </summary>
internal readonly record struct ByteRange(long Offset, long Length)
{
    public long Last => Offset + Length - 1;

    public static RangeVerdict Parse(StringValues header, long size, out ByteRange range)
    {
        range = default;
        if (header.Count != 1)
            return RangeVerdict.Whole;
        var value = header[0].AsSpan().Trim(" \t");
        // §14.1: the range unit is case-insensitive.
        if (!value.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
            return RangeVerdict.Whole;
        var set = value[6..].Trim(" \t,");
        if (set.IsEmpty || set.Contains(','))
            return RangeVerdict.Whole;
        var dash = set.IndexOf('-');
        if (dash < 0)
            return RangeVerdict.Whole;
        var firstText = set[..dash].Trim(" \t");
        var lastText = set[(dash + 1)..].Trim(" \t");
        if (firstText.IsEmpty)
        {
            // suffix-range: the last N bytes; the whole representation when it is shorter.
            if (!TryParseDigits(lastText, out var suffix))
                return RangeVerdict.Whole;
            if (suffix == 0 || size == 0)
                return RangeVerdict.Unsatisfiable;
            var offset = Math.Max(0, size - suffix);
            range = new ByteRange(offset, size - offset);
            return RangeVerdict.Partial;
        }
        if (!TryParseDigits(firstText, out var first))
            return RangeVerdict.Whole;
        var last = long.MaxValue;
        if (!lastText.IsEmpty && (!TryParseDigits(lastText, out last) || last < first))
            return RangeVerdict.Whole;
        if (first >= size)
            return RangeVerdict.Unsatisfiable;
        // The last position is clipped to the size (§14.1.2).
        range = new ByteRange(first, Math.Min(last, size - 1) - first + 1);
        return RangeVerdict.Partial;
    }

    /// <summary><c>1*DIGIT</c>; a number too large for a long saturates (it is beyond any representation anyway).</summary>
    private static bool TryParseDigits(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty)
            return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            var digit = c - '0';
            value = value > (long.MaxValue - digit) / 10 ? long.MaxValue : (value * 10) + digit;
        }
        return true;
    }
}
