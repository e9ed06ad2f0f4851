using System.Globalization;
using System.Text;

namespace ServeStatic.Fingerprinting;

/// <summary>
/// Finds the URLs of an HTML document: <c>src</c>, <c>href</c>, <c>srcset</c>/<c>imagesrcset</c>, <c>poster</c>,
/// <c>&lt;object data&gt;</c>, <c>url()</c> in <c>style</c> attributes and <c>&lt;style&gt;</c> elements, the specifiers
/// of inline module scripts and the addresses of inline import maps. It follows the HTML tokenizer's rules (HTML §13.2.5)
/// closely enough to skip comments and to read script and style contents as raw text; it does not build a tree.
/// </summary>
internal static class HtmlReferenceScanner
{
    private readonly record struct Attribute(string Name, int Start, int Length)
    {
        public int End => Start + Length;
    }

    /// <summary>Link types whose target the page needs (HTML §4.6.7): a missing one is reported.</summary>
    private static readonly HashSet<string> ResourceLinkTypes = new(StringComparer.Ordinal)
    {
        "stylesheet", "preload", "modulepreload", "prefetch", "icon", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon", "manifest",
    };

    private static readonly HashSet<string> SourceElements = new(StringComparer.Ordinal)
    {
        "img", "script", "source", "audio", "video", "track", "embed", "input",
    };

    public static List<Reference> Scan(string text)
    {
        var found = new List<Reference>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('<', i);
            if (open < 0 || open + 1 >= text.Length)
                break;
            if (string.CompareOrdinal(text, open, "<!--", 0, 4) == 0)
            {
                var close = text.IndexOf("-->", open + 4, StringComparison.Ordinal);
                i = close < 0 ? text.Length : close + 3;
            }
            else if (text[open + 1] is '!' or '?' or '/')
            {
                var close = text.IndexOf('>', open + 1);
                i = close < 0 ? text.Length : close + 1;
            }
            else if (char.IsAsciiLetter(text[open + 1]))
            {
                i = ScanTag(text, open, found);
            }
            else
            {
                i = open + 1;
            }
        }
        return found;
    }

    /// <summary>Decodes the character references an attribute value may hold (HTML §13.5): the named ones URLs use, and numeric ones.</summary>
    public static string DecodeCharacterReferences(string value)
    {
        if (!value.Contains('&'))
            return value;
        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var semicolon = value[i] == '&' ? value.IndexOf(';', i) : -1;
            if (semicolon < 0 || semicolon - i > 10)
            {
                result.Append(value[i]);
                continue;
            }
            var name = value.AsSpan(i + 1, semicolon - i - 1);
            string? decoded = name switch
            {
                "amp" => "&",
                "lt" => "<",
                "gt" => ">",
                "quot" => "\"",
                "apos" => "'",
                ['#', 'x' or 'X', .. var hex] when int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var c) && IsScalar(c) => char.ConvertFromUtf32(c),
                ['#', .. var digits] when int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && IsScalar(c) => char.ConvertFromUtf32(c),
                _ => null,
            };
            if (decoded is null)
            {
                result.Append(value[i]);
                continue;
            }
            result.Append(decoded);
            i = semicolon;
        }
        return result.ToString();
    }

    /// <summary>Reads the start tag at <paramref name="open"/> and, for script and style, its raw-text contents; returns where scanning resumes.</summary>
    private static int ScanTag(string text, int open, List<Reference> found)
    {
        var nameEnd = open + 1;
        while (nameEnd < text.Length && !IsSpace(text[nameEnd]) && text[nameEnd] is not ('/' or '>'))
            nameEnd++;
        var tag = text[(open + 1)..nameEnd].ToLowerInvariant();
        var attributes = new List<Attribute>();
        var tagEnd = ReadAttributes(text, nameEnd, attributes);
        // Where a new attribute goes: before the '>', or before the '/' of a self-closing '/>' unless that slash ends an unquoted value.
        var insertAt = text[tagEnd - 1] == '/' && (attributes.Count == 0 || attributes[^1].End < tagEnd - 1) ? tagEnd - 1 : tagEnd;

        string? Value(string name)
        {
            var attribute = attributes.Find(a => a.Name == name);
            return attribute.Name is null ? null : DecodeCharacterReferences(text.Substring(attribute.Start, attribute.Length)).Trim();
        }
        var linkTypes = (Value("rel") ?? "").ToLowerInvariant().Split([' ', '\t', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries);
        var canTakeIntegrity = Value("integrity") is null && tag switch
        {
            "script" => true,
            "link" => linkTypes.Contains("stylesheet") || linkTypes.Contains("modulepreload")
                || (linkTypes.Contains("preload") && Value("as")?.ToLowerInvariant() is "script" or "style"),
            _ => false,
        };

        var use = tag switch
        {
            "script" when Value("type")?.ToLowerInvariant() == "module" => ReferenceUse.ModuleScript,
            "link" when linkTypes.Contains("modulepreload") => ReferenceUse.ModuleScript,
            "link" when linkTypes.Contains("stylesheet") && !linkTypes.Contains("alternate") && Value("disabled") is null && AppliesToEveryMedium(Value("media")) => ReferenceUse.Stylesheet,
            _ => ReferenceUse.Other,
        };
        var integrity = use == ReferenceUse.Other ? null : Value("integrity");

        foreach (var attribute in attributes)
        {
            switch (attribute.Name, tag)
            {
                case ("src", _) when SourceElements.Contains(tag):
                    AddUrl(text, attribute, ReferenceRole.Resource, found, canTakeIntegrity ? insertAt : -1, use, integrity);
                    break;
                case ("src", "iframe" or "frame"):
                    AddUrl(text, attribute, ReferenceRole.Link, found);
                    break;
                case ("href", "link"):
                    var isResource = linkTypes.Any(ResourceLinkTypes.Contains);
                    AddUrl(text, attribute, isResource ? ReferenceRole.Resource : ReferenceRole.Link, found, canTakeIntegrity ? insertAt : -1, use, integrity);
                    break;
                case ("href", "a" or "area"):
                    AddUrl(text, attribute, ReferenceRole.Link, found);
                    break;
                case ("href", "base"):
                    AddUrl(text, attribute, ReferenceRole.Base, found);
                    break;
                case ("srcset", "img" or "source") or ("imagesrcset", "link"):
                    AddSourceSet(text, attribute, found);
                    break;
                case ("href" or "xlink:href", "image" or "use" or "feimage"):
                case ("poster", "video") or ("data", "object"):
                    AddUrl(text, attribute, ReferenceRole.Resource, found);
                    break;
                case ("style", _):
                    AddStyleAttribute(text, attribute, found);
                    break;
            }
        }

        if (tagEnd >= text.Length || tag is not ("script" or "style" or "textarea" or "title"))
            return tagEnd + 1;
        // Raw text and escapable raw text elements (HTML §13.1.2.1) end only at their own end tag.
        var contentStart = tagEnd + 1;
        var contentEnd = text.IndexOf("</" + tag, contentStart, StringComparison.OrdinalIgnoreCase);
        if (contentEnd < 0)
            contentEnd = text.Length;
        if (tag == "style")
        {
            found.AddRange(CssReferenceScanner.Scan(text, contentStart, contentEnd));
        }
        else if (tag == "script" && Value("src") is null)
        {
            switch (Value("type")?.ToLowerInvariant())
            {
                case "module":
                    found.AddRange(JsReferenceScanner.Scan(text, contentStart, contentEnd));
                    break;
                case "importmap":
                    found.AddRange(ImportMapScanner.Scan(Latin1Text.ToBytes(text[contentStart..contentEnd]), contentStart)
                        .Select(reference => reference with { Use = ReferenceUse.ImportMap }));
                    break;
            }
        }
        return contentEnd;
    }

    /// <summary>Reads attributes (HTML §13.2.5.32–§13.2.5.39) from <paramref name="i"/>; returns the index of the tag's closing '>'.</summary>
    private static int ReadAttributes(string text, int i, List<Attribute> attributes)
    {
        while (i < text.Length)
        {
            while (i < text.Length && (IsSpace(text[i]) || text[i] == '/'))
                i++;
            if (i >= text.Length || text[i] == '>')
                return i;
            var nameStart = i;
            while (i < text.Length && !IsSpace(text[i]) && text[i] is not ('/' or '>' or '='))
                i++;
            var name = text[nameStart..i].ToLowerInvariant();
            // HTML §13.2.5.33: a repeated attribute is a parse error and is dropped; the first one counts.
            if (attributes.Exists(a => a.Name == name))
                name = "";
            while (i < text.Length && IsSpace(text[i]))
                i++;
            if (i >= text.Length || text[i] != '=')
            {
                attributes.Add(new Attribute(name, i, 0));
                continue;
            }
            i++;
            while (i < text.Length && IsSpace(text[i]))
                i++;
            if (i < text.Length && text[i] is '"' or '\'')
            {
                var close = text.IndexOf(text[i], i + 1);
                if (close < 0)
                    close = text.Length;
                attributes.Add(new Attribute(name, i + 1, close - i - 1));
                i = close + 1;
            }
            else
            {
                var valueStart = i;
                while (i < text.Length && !IsSpace(text[i]) && text[i] != '>')
                    i++;
                attributes.Add(new Attribute(name, valueStart, i - valueStart));
            }
        }
        return text.Length;
    }

    /// <summary>
    /// A stylesheet whose <c>media</c> (HTML §4.2.4) is absent, empty, <c>all</c> or <c>screen</c> applies when a page is first shown
    /// on a screen; one for <c>print</c> or behind a media query may never apply, so it is not what the page needs first.
    /// </summary>
    private static bool AppliesToEveryMedium(string? media) =>
        media is null || media.ToLowerInvariant() is "" or "all" or "screen";

    private static void AddUrl(string text, Attribute attribute, ReferenceRole role, List<Reference> found, int integrityAt = -1,
        ReferenceUse use = ReferenceUse.Other, string? integrity = null) =>
        AddRange(text, attribute.Start, attribute.End, role, found, integrityAt, use, integrity);

    /// <summary>Adds the trimmed URL text in [<paramref name="start"/>, <paramref name="end"/>), decoded.</summary>
    private static void AddRange(string text, int start, int end, ReferenceRole role, List<Reference> found, int integrityAt = -1,
        ReferenceUse use = ReferenceUse.Other, string? integrity = null)
    {
        while (start < end && IsSpace(text[start]))
            start++;
        while (end > start && IsSpace(text[end - 1]))
            end--;
        if (end > start)
            found.Add(new Reference(start, end - start, DecodeCharacterReferences(Latin1Text.DecodeUtf8(text.AsSpan(start, end - start))), role, integrityAt, use, integrity));
    }

    // HTML §4.8.4.3.1 "parse a srcset attribute": candidates are separated by commas; each is a URL then descriptors.
    private static void AddSourceSet(string text, Attribute attribute, List<Reference> found)
    {
        var i = attribute.Start;
        while (i < attribute.End)
        {
            while (i < attribute.End && (IsSpace(text[i]) || text[i] == ','))
                i++;
            var urlStart = i;
            while (i < attribute.End && !IsSpace(text[i]))
                i++;
            var urlEnd = i;
            var endsCandidate = false;
            while (urlEnd > urlStart && text[urlEnd - 1] == ',')
            {
                urlEnd--;
                endsCandidate = true;
            }
            AddRange(text, urlStart, urlEnd, ReferenceRole.Resource, found);
            if (endsCandidate)
                continue;
            // Descriptors run to the next comma outside parentheses.
            var depth = 0;
            while (i < attribute.End && (text[i] != ',' || depth > 0))
            {
                depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
                i++;
            }
        }
    }

    /// <summary>A <c>style</c> attribute is CSS whose quotes may be written as character references: <c>url(&amp;quot;a.png&amp;quot;)</c>.</summary>
    private static void AddStyleAttribute(string text, Attribute attribute, List<Reference> found)
    {
        foreach (var reference in CssReferenceScanner.Scan(text, attribute.Start, attribute.End))
        {
            var start = reference.Start;
            var end = reference.Start + reference.Length;
            foreach (var quote in (ReadOnlySpan<string>)["&quot;", "&#34;", "&#39;", "&apos;"])
            {
                if (end - start > 2 * quote.Length && string.CompareOrdinal(text, start, quote, 0, quote.Length) == 0
                    && string.CompareOrdinal(text, end - quote.Length, quote, 0, quote.Length) == 0)
                {
                    start += quote.Length;
                    end -= quote.Length;
                    break;
                }
            }
            var raw = Latin1Text.DecodeUtf8(text.AsSpan(start, end - start));
            found.Add(new Reference(start, end - start, CssReferenceScanner.Unescape(DecodeCharacterReferences(raw)).Trim(), reference.Role));
        }
    }

    private static bool IsScalar(int c) => c is > 0 and <= 0x10FFFF and (< 0xD800 or > 0xDFFF);

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';
}
