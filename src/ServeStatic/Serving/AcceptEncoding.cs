using Microsoft.Extensions.Primitives;
using ServeStatic.Index;

namespace ServeStatic.Serving;

/// <summary>
/// Parses <c>Accept-Encoding</c> (RFC 9110 §12.5.3) and chooses a representation: the highest q-value wins, a tie goes to
/// the smallest. Works on spans of the header as received; allocates nothing.
/// </summary>
internal static class AcceptEncoding
{
    /// <summary>q-values are kept in thousandths (RFC 9110 §12.4.2: at most three decimals); this marks "not mentioned".</summary>
    private const int Unmentioned = -1;

    /// <summary>
    /// The representation to send. No header, or a malformed one, is treated as absent and gets identity (a client that
    /// sends nothing may not decode anything). When no representation is acceptable, identity is sent all the same
    /// (RFC 9110 §12.5.3 lets a server disregard the header rather than answer 415).
    /// </summary>
    public static Representation Choose(StringValues header, Asset asset)
    {
        var representations = asset.Representations;
        if (header.Count == 0 || representations.Length == 1 || !TryParse(header, out var weights))
            return asset.Identity;
        Representation? best = null;
        var bestQ = 0;
        // Smallest first: a later candidate replaces the best only with a strictly higher q.
        foreach (var candidate in representations)
        {
            var q = weights.For(candidate.Encoding);
            if (q > bestQ)
            {
                best = candidate;
                bestQ = q;
            }
        }
        return best ?? asset.Identity;
    }

    /// <summary>
    /// True when the header names <c>dcz</c> (RFC 9842 §6.1) with a q-value above 0. Only by name: <c>*</c> does not stand for a
    /// delta, which a client can decode only if it also sent the dictionary it holds.
    /// </summary>
    public static bool AcceptsDelta(StringValues header) =>
        header.Count > 0 && TryParse(header, out var weights) && weights.Delta > 0;

    private static bool TryParse(StringValues header, out Weights weights)
    {
        weights = new Weights();
        foreach (var line in header)
        {
            var rest = line.AsSpan();
            while (!rest.IsEmpty)
            {
                var comma = rest.IndexOf(',');
                var member = (comma < 0 ? rest : rest[..comma]).Trim(" \t");
                rest = comma < 0 ? default : rest[(comma + 1)..];
                // RFC 9110 §5.6.1: empty list members are allowed and ignored.
                if (!member.IsEmpty && !TryParseMember(member, ref weights))
                    return false;
            }
        }
        return true;
    }

    /// <summary><c>codings [ OWS ";" OWS "q=" qvalue ]</c>; any other parameter makes the header malformed.</summary>
    private static bool TryParseMember(ReadOnlySpan<char> member, ref Weights weights)
    {
        var semicolon = member.IndexOf(';');
        var coding = (semicolon < 0 ? member : member[..semicolon]).TrimEnd(" \t");
        if (coding.IsEmpty || !IsToken(coding))
            return false;
        var q = 1000;
        if (semicolon >= 0)
        {
            var parameter = member[(semicolon + 1)..].TrimStart(" \t");
            if (parameter.Length < 2 || (parameter[0] | 0x20) != 'q' || parameter[1] != '=' || !TryParseQValue(parameter[2..], out q))
                return false;
        }
        weights.Set(coding, q);
        return true;
    }

    /// <summary>RFC 9110 §12.4.2: <c>qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )</c>, in thousandths.</summary>
    private static bool TryParseQValue(ReadOnlySpan<char> text, out int thousandths)
    {
        thousandths = 0;
        if (text.IsEmpty || text[0] is not ('0' or '1'))
            return false;
        var whole = text[0] - '0';
        var fraction = 0;
        if (text.Length > 1)
        {
            if (text[1] != '.' || text.Length > 5)
                return false;
            var digits = text[2..];
            for (var i = 0; i < 3; i++)
            {
                var digit = 0;
                if (i < digits.Length)
                {
                    if (!char.IsAsciiDigit(digits[i]))
                        return false;
                    digit = digits[i] - '0';
                }
                fraction = (fraction * 10) + digit;
            }
        }
        if (whole == 1 && fraction != 0)
            return false;
        thousandths = (whole * 1000) + fraction;
        return true;
    }

    /// <summary>RFC 9110 §5.6.2 <c>token</c>.</summary>
    private static bool IsToken(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)))
                return false;
        }
        return true;
    }

    /// <summary>The weights the header gives to the codings we can send, <c>*</c> and <c>identity</c>.</summary>
    private struct Weights()
    {
        private int _brotli = Unmentioned;
        private int _gzip = Unmentioned;
        private int _zstd = Unmentioned;
        private int _dcz = Unmentioned;
        private int _identity = Unmentioned;
        private int _any = Unmentioned;

        /// <summary>Tokens are case-insensitive (RFC 9110 §8.4.1); a coding listed twice keeps its higher weight.</summary>
        public void Set(ReadOnlySpan<char> coding, int q)
        {
            if (coding.Equals("*", StringComparison.Ordinal))
                _any = Math.Max(_any, q);
            else if (coding.Equals("identity", StringComparison.OrdinalIgnoreCase))
                _identity = Math.Max(_identity, q);
            else if (coding.Equals("br", StringComparison.OrdinalIgnoreCase))
                _brotli = Math.Max(_brotli, q);
            // RFC 9110 §8.4.1.3: x-gzip is gzip.
            else if (coding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
                _gzip = Math.Max(_gzip, q);
            else if (coding.Equals("zstd", StringComparison.OrdinalIgnoreCase))
                _zstd = Math.Max(_zstd, q);
            else if (coding.Equals("dcz", StringComparison.OrdinalIgnoreCase))
                _dcz = Math.Max(_dcz, q);
        }

        /// <summary>
        /// A coding not listed takes the weight of <c>*</c>, else is unacceptable. Identity, not listed, takes the weight of <c>*</c>
        /// if that is listed, else is acceptable at the lowest weight: any listed coding is preferred to it.
        /// </summary>
        public readonly int For(ContentEncoding encoding) => encoding switch
        {
            ContentEncoding.Identity => _identity != Unmentioned ? _identity : _any != Unmentioned ? _any : 1,
            ContentEncoding.Brotli => Listed(_brotli),
            ContentEncoding.Gzip => Listed(_gzip),
            ContentEncoding.Zstd => Listed(_zstd),
            _ => 0,
        };

        /// <summary>The weight of dcz when it is listed by name; otherwise "not mentioned", below every acceptable weight.</summary>
        public readonly int Delta => _dcz;

        private readonly int Listed(int q) => q != Unmentioned ? q : Math.Max(_any, 0);
    }
}
