using Microsoft.Net.Http.Headers;
using ServeStatic.Index;

namespace ServeStatic.Serving;

/// <summary>The <c>Cache-Control</c> of an asset (RFC 9111 §5.2.2), decided once when the index is loaded.</summary>
internal static class CachePolicy
{
    /// <summary>For a URL that carries its content hash: a year, and <c>immutable</c> (RFC 8246) so browsers do not revalidate on reload.</summary>
    public const string Immutable = "public, max-age=31536000, immutable";

    /// <summary>The fewest hex digits in a dot-separated name part that mark a fingerprint, as bundlers write them (<c>app.0123abcd.js</c>).</summary>
    public const int MinimumHashDigits = 8;

    public static string For(AssetRecord asset, ServeStaticOptions options) =>
        asset.Immutable || (options.ImmutableHexNames && NameCarriesHash(asset.Path)) ? Immutable : MaxAge(options.MaxAgeSeconds);

    /// <summary>
    /// The last max-age policy made, kept: a load asks for it once per asset, with the same age every time. One reference,
    /// read and replaced whole, so loads with other options at the same time never see one's age with another's value.
    /// </summary>
    private static MaxAgePolicy? _maxAge;

    private static string MaxAge(int seconds)
    {
        var last = _maxAge;
        if (last is null || last.Seconds != seconds)
            _maxAge = last = new(seconds, $"{CacheControlHeaderValue.PublicString}, {CacheControlHeaderValue.MaxAgeString}={seconds}");
        return last.Value;
    }

    private sealed record MaxAgePolicy(int Seconds, string Value);

    /// <summary>True when a part of the file name between two dots, before the extension, is at least 8 hex digits.</summary>
    public static bool NameCarriesHash(ReadOnlySpan<char> path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var lastDot = name.LastIndexOf('.');
        if (lastDot <= 0)
            return false;
        var parts = name[..lastDot];
        var firstDot = parts.IndexOf('.');
        if (firstDot < 0)
            return false;
        foreach (var range in parts[(firstDot + 1)..].Split('.'))
        {
            var part = parts[(firstDot + 1)..][range];
            if (part.Length >= MinimumHashDigits && !part.ContainsAnyExcept("0123456789abcdefABCDEF"))
                return true;
        }
        return false;
    }
}
