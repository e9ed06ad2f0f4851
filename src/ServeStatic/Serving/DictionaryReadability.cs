using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ServeStatic.Serving;

/// <summary>
/// RFC 9842 §9.3.3 (Server Responsibility): a delta only for a request whose response its client may read. From the fetch
/// metadata a browser sends, a cross-origin request gets a delta only in CORS mode with a response that allows its origin;
/// a request without <c>Sec-Fetch-Site</c> or <c>Sec-Fetch-Mode</c> (not a browser, or an old one) is not held back.
/// </summary>
internal static class DictionaryReadability
{
    /// <param name="allowOrigin">The <c>Access-Control-Allow-Origin</c> the response carries; empty when none.</param>
    public static bool Allows(IHeaderDictionary request, StringValues allowOrigin)
    {
        var site = request["Sec-Fetch-Site"];
        if (site.Count == 0 || string.Equals(site, "same-origin", StringComparison.OrdinalIgnoreCase))
            return true;
        var mode = request["Sec-Fetch-Mode"];
        if (mode.Count == 0 || string.Equals(mode, "navigate", StringComparison.OrdinalIgnoreCase) || string.Equals(mode, "same-origin", StringComparison.OrdinalIgnoreCase))
            return true;
        if (!string.Equals(mode, "cors", StringComparison.OrdinalIgnoreCase) || allowOrigin.Count == 0 || request.Origin.Count == 0)
            return false;
        return string.Equals(allowOrigin, "*", StringComparison.Ordinal) || string.Equals(allowOrigin, request.Origin, StringComparison.Ordinal);
    }
}
