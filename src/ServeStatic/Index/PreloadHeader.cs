using System.Text;

namespace ServeStatic.Index;

/// <summary>
/// The <c>Link</c> header (RFC 8288) of a page's <see cref="PreloadLink"/>s, within a cap. The build keeps only the links that
/// fit, and a loaded release formats the same value once per page; the cap is applied again there, so a hand-edited index
/// cannot make a longer header.
/// </summary>
internal static class PreloadHeader
{
    /// <summary>
    /// At most this many links per page. A page's first render rarely needs more stylesheets, modules and fonts than this;
    /// beyond it, preloads compete with what the page itself discovers, and Chrome warns about preloads left unused.
    /// </summary>
    public const int MaxLinks = 16;

    /// <summary>
    /// At most this many bytes of header value. Proxies and CDNs bound a whole response head (nginx's <c>proxy_buffer_size</c>
    /// is 4 or 8 KiB; most CDNs allow about 8 KiB or more), and the rest of the head (cache, CORS and rule headers) needs room;
    /// Cloudflare copies these links into a 103 Early Hints response too.
    /// </summary>
    public const int MaxBytes = 2048;

    /// <summary>The links that fit: in order, at most <see cref="MaxLinks"/>, stopping at the first that would take the value past <see cref="MaxBytes"/>.</summary>
    public static IReadOnlyList<PreloadLink> Fit(IReadOnlyList<PreloadLink> links)
    {
        var count = 0;
        var bytes = 0;
        foreach (var link in links)
        {
            bytes += (count == 0 ? 0 : 2) + Format(link).Length;
            if (count == MaxLinks || bytes > MaxBytes)
                break;
            count++;
        }
        return count == links.Count ? links : [.. links.Take(count)];
    }

    /// <summary>The header value of the links that <see cref="Fit"/>: <c>&lt;/css/app.3f2a9c1b.css&gt;; rel=preload; as=style, …</c>.</summary>
    public static string Value(IReadOnlyList<PreloadLink> links) => string.Join(", ", Fit(links).Select(Format));

    /// <summary>One link-value. Values that are not tokens (a media type's '/', base64's '+' and '=') are quoted strings (RFC 8288 §3).</summary>
    private static string Format(PreloadLink link)
    {
        var text = new StringBuilder().Append('<').Append(SitePaths.Escape(link.Path)).Append('>');
        text.Append(link.As switch
        {
            PreloadKind.Style => "; rel=preload; as=style",
            PreloadKind.Module => "; rel=modulepreload",
            PreloadKind.Font => $"; rel=preload; as=font; type=\"{link.Type}\"; crossorigin",
            _ => throw new ArgumentOutOfRangeException(nameof(link), link.As, null),
        });
        if (link.Integrity is not null)
            text.Append("; integrity=\"").Append(link.Integrity).Append('"');
        return text.ToString();
    }
}
