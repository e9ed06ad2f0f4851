using System.Text;
using ServeStatic.Build;
using ServeStatic.Fingerprinting;
using ServeStatic.Index;

namespace ServeStatic.Serving;

/// <summary>
/// The <c>Use-As-Dictionary</c> value of each compressible asset (RFC 9842 §2.1), computed once per release: its
/// <c>match</c> is a URL pattern the next version of the file will be requested at (docs/dictionary-transport.md).
/// A fingerprinted name, or an unhashed name that has a fingerprinted twin, matches every name of that file:
/// <c>/js/app.js</c> and <c>/js/app.3f2a9c1b7d.js</c> both get <c>/js/app.*js</c>. Any other asset matches its own path.
/// </summary>
internal static class DictionaryMatch
{
    /// <summary>The value for each compressible asset of <paramref name="index"/>, by path.</summary>
    public static Dictionary<string, string> ForRelease(ReleaseIndex index)
    {
        var hashedTwins = index.Assets.Where(asset => asset.Immutable).Select(asset => FingerprintName.Unhashed(asset.Path)).OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return index.Assets.Where(asset => MediaTypes.IsCompressible(asset.ContentType)).ToDictionary(
            asset => asset.Path,
            asset => Value(asset.Immutable && FingerprintName.Unhashed(asset.Path) is { } unhashed ? Pattern(unhashed, anyHash: true)
                : Pattern(asset.Path, anyHash: hashedTwins.Contains(asset.Path))),
            StringComparer.Ordinal);
    }

    /// <summary>RFC 9842 §2.1: a Dictionary whose <c>match</c> is an sf-string (RFC 9651 §3.3.3: <c>\</c> and <c>"</c> escaped).</summary>
    private static string Value(string pattern) => "match=\"" + pattern.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// A URLPattern pathname (WHATWG URL Pattern §2.1) matching <paramref name="path"/> as a browser sends it, and with
    /// <paramref name="anyHash"/> also the name with anything between its stem and its extension: <c>/js/app.*js</c>.
    /// </summary>
    public static string Pattern(string path, bool anyHash)
    {
        if (!anyHash)
            return Literal(path);
        var extension = FingerprintName.Extension(path);
        return extension.Length == 0
            ? Literal(path) + "*"
            : Literal(path[..^extension.Length] + ".") + "*" + Literal(extension[1..]);
    }

    /// <summary>
    /// <paramref name="path"/> as the URL parser writes a pathname (WHATWG URL §4.4: the path percent-encode set, and every
    /// non-ASCII byte of its UTF-8, as %XX; a <c>%</c> of the unescaped path is itself encoded), with the characters that
    /// mean something in a URLPattern (<c>* + ? : ( ) { } \</c>) escaped by a backslash.
    /// </summary>
    private static string Literal(string path)
    {
        var text = new StringBuilder(path.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            if (b is < 0x21 or >= 0x7f || "\"#<>?`{}%".Contains((char)b))
                text.Append('%').Append(((int)b).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else if ("*+:()\\".Contains((char)b))
                text.Append('\\').Append((char)b);
            else
                text.Append((char)b);
        }
        return text.ToString();
    }
}
