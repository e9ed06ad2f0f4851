using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ServeStatic.Serving;

/// <summary>
/// Reads <c>Available-Dictionary</c> (RFC 9842 §2.2): the SHA-256 of the dictionary a client holds for this URL, as a
/// structured-field byte sequence (RFC 9651 §3.3.5, <c>:base64:</c>), and picks the asset's delta against it. Decoded on the
/// stack and compared with the hashes decoded at load: no allocation, no hashing per request.
/// </summary>
internal static class AvailableDictionary
{
    public const string HeaderName = "Available-Dictionary";

    /// <summary>RFC 9842 §2.1: the response header that offers a body as a dictionary for later requests.</summary>
    public const string UseAsDictionaryHeaderName = "Use-As-Dictionary";

    private const int HashLength = 32;

    /// <summary>Base64 of 32 bytes: 44 characters, one '=' of padding.</summary>
    private const int EncodedLength = 44;

    /// <summary>
    /// The delta to send, or null: there is none for the named dictionary, the header is absent or malformed (then ignored,
    /// as RFC 9842 §2.2 lets a server do with any dictionary it does not know), the request has a Range, the client does not accept dcz, or it could
    /// not read the response (<see cref="DictionaryReadability"/>, RFC 9842 §9.3.3).
    /// </summary>
    /// <param name="allowOrigin">The <c>Access-Control-Allow-Origin</c> the response carries; empty when none.</param>
    public static Representation? ChooseDelta(IHeaderDictionary request, Asset asset, StringValues allowOrigin)
    {
        var deltas = asset.Deltas;
        // RFC 9842 gives a delta for a whole body: a Range request is answered exactly as without dictionary transport.
        if (deltas.Length == 0 || request.Range.Count > 0 || !DictionaryReadability.Allows(request, allowOrigin))
            return null;
        var header = request[HeaderName];
        Span<byte> hash = stackalloc byte[HashLength];
        if (header.Count != 1 || !TryParse(header[0], hash) || !AcceptEncoding.AcceptsDelta(request.AcceptEncoding))
            return null;
        foreach (var delta in deltas)
        {
            if (hash.SequenceEqual(delta.Dictionary))
                return delta.Representation;
        }
        return null;
    }

    private static bool TryParse(string? value, Span<byte> hash)
    {
        var text = value.AsSpan().Trim(" \t");
        return text.Length == EncodedLength + 2 && text[0] == ':' && text[^1] == ':'
            && Convert.TryFromBase64Chars(text[1..^1], hash, out var written) && written == HashLength;
    }
}
