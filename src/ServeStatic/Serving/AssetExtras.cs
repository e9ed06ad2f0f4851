using Microsoft.Extensions.Primitives;

namespace ServeStatic.Serving;

/// <summary>
/// What few assets of a release have: an HTML page's preload <c>Link</c>, and with dictionary transport the
/// <c>Use-As-Dictionary</c> offer and the deltas against earlier versions. One reference on <see cref="Asset"/>, null for
/// every other asset, so they cost the common asset 8 bytes rather than one field each.
/// </summary>
/// <param name="Link">The preload <c>Link</c> value (docs/preload-hints.md); empty for none.</param>
/// <param name="UseAsDictionary">The <c>Use-As-Dictionary</c> value (RFC 9842 §2.1, <see cref="DictionaryMatch"/>); empty for none.</param>
/// <param name="Deltas">The dcz deltas, each with the hash of the dictionary it names; empty for none.</param>
internal sealed record AssetExtras(StringValues Link, StringValues UseAsDictionary, Delta[] Deltas)
{
    /// <returns>Null when there is nothing to hold.</returns>
    public static AssetExtras? Of(StringValues link, StringValues useAsDictionary, Delta[] deltas) =>
        link.Count == 0 && useAsDictionary.Count == 0 && deltas.Length == 0 ? null : new(link, useAsDictionary, deltas);
}

/// <summary>A delta (dcz) of an asset: the representation to send, and the SHA-256 of its dictionary as bytes, decoded at load.</summary>
internal sealed record Delta(Representation Representation, byte[] Dictionary);
