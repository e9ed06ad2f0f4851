using System.Globalization;
using System.Text;

namespace ServeStatic.Fingerprinting;

/// <summary>
/// Finds the URLs of a stylesheet: <c>url(...)</c> (quoted or not), the string of <c>@import "..."</c>, the strings of
/// <c>image-set(...)</c>, and <c>/*# sourceMappingURL=... */</c>. It tokenizes as CSS Syntax Level 3 does (§4), so a
/// <c>url(</c> inside a comment or a string is not a reference, and escaped quotes do not end a string.
/// </summary>
internal static class CssReferenceScanner
{
    public static List<Reference> Scan(string text) => Scan(text, 0, text.Length);

    /// <summary>Scans <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>), reporting offsets in <paramref name="text"/>.</summary>
    public static List<Reference> Scan(string text, int start, int end)
    {
        var found = new List<Reference>();
        var functions = new Stack<string>();
        var afterImport = false;
        // The nesting depth inside an @font-face block (0 outside one), and whether its first url() has been seen.
        var afterFontFace = false;
        var fontFaceDepth = 0;
        var fontFaceUrlSeen = false;
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c == '/' && i + 1 < end && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, end - i - 2, StringComparison.Ordinal);
                var commentEnd = close < 0 ? end : close;
                SourceMappingComment.Find(text, i + 2, commentEnd, found);
                i = close < 0 ? end : close + 2;
            }
            else if (c is '"' or '\'')
            {
                var close = StringEnd(text, i, end);
                if (afterImport || (functions.TryPeek(out var function) && function is "image-set" or "-webkit-image-set"))
                    Add(found, text, i + 1, close, ReferenceRole.Resource, afterImport ? ReferenceUse.CssImport : ReferenceUse.Other);
                afterImport = false;
                i = close < end ? close + 1 : end;
            }
            else if (c == '@')
            {
                var nameEnd = IdentifierEnd(text, i + 1, end);
                afterImport = string.Equals(text[(i + 1)..nameEnd], "import", StringComparison.OrdinalIgnoreCase);
                afterFontFace = fontFaceDepth == 0 && string.Equals(text[(i + 1)..nameEnd], "font-face", StringComparison.OrdinalIgnoreCase);
                i = Math.Max(nameEnd, i + 1);
            }
            else if (StartsIdentifier(text, i, end))
            {
                var nameEnd = IdentifierEnd(text, i, end);
                if (nameEnd < end && text[nameEnd] == '(')
                {
                    var name = text[i..nameEnd].ToLowerInvariant();
                    if (name == "url")
                    {
                        var use = afterImport ? ReferenceUse.CssImport
                            : fontFaceDepth > 0 && !fontFaceUrlSeen ? ReferenceUse.FontFace
                            : ReferenceUse.Other;
                        fontFaceUrlSeen |= fontFaceDepth > 0;
                        i = ScanUrl(text, nameEnd + 1, end, found, use);
                        afterImport = false;
                        continue;
                    }
                    functions.Push(name);
                    i = nameEnd + 1;
                    continue;
                }
                i = nameEnd;
            }
            else
            {
                switch (c)
                {
                    case '(':
                        functions.Push("");
                        break;
                    case ')':
                        functions.TryPop(out _);
                        break;
                    case ';' or '{' or '}':
                        afterImport = false;
                        if (c == '{' && (afterFontFace || fontFaceDepth > 0))
                        {
                            fontFaceUrlSeen &= fontFaceDepth > 0;
                            fontFaceDepth++;
                        }
                        else if (c == '}' && fontFaceDepth > 0)
                        {
                            fontFaceDepth--;
                        }
                        afterFontFace = false;
                        break;
                    case '\\':
                        i++;
                        break;
                }
                i++;
            }
        }
        return found;
    }

    /// <summary>Undoes CSS escapes (CSS Syntax §4.3.7): <c>\</c> + 1–6 hex digits (+ one whitespace), <c>\</c> + newline (nothing), <c>\</c> + any other character.</summary>
    public static string Unescape(string value)
    {
        if (!value.Contains('\\'))
            return value;
        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\' || i + 1 == value.Length)
            {
                result.Append(value[i]);
                continue;
            }
            var hexEnd = i + 1;
            while (hexEnd < value.Length && hexEnd - i <= 6 && char.IsAsciiHexDigit(value[hexEnd]))
                hexEnd++;
            if (hexEnd > i + 1)
            {
                var codePoint = int.Parse(value.AsSpan(i + 1, hexEnd - i - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                result.Append(codePoint is 0 or > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF) ? "\uFFFD" : char.ConvertFromUtf32(codePoint));
                i = hexEnd < value.Length && value[hexEnd] is ' ' or '\t' or '\n' ? hexEnd : hexEnd - 1;
            }
            else if (value[i + 1] is '\n' or '\r' or '\f')
            {
                i++;
            }
            else
            {
                result.Append(value[++i]);
            }
        }
        return result.ToString();
    }

    // CSS Syntax §4.3.6: url( ws* (string | unquoted) ws* ).
    private static int ScanUrl(string text, int i, int end, List<Reference> found, ReferenceUse use)
    {
        while (i < end && IsWhitespace(text[i]))
            i++;
        if (i < end && text[i] is '"' or '\'')
        {
            var close = StringEnd(text, i, end);
            Add(found, text, i + 1, close, ReferenceRole.Resource, use);
            i = close < end ? close + 1 : end;
            var paren = text.IndexOf(')', i, end - i);
            return paren < 0 ? end : paren + 1;
        }
        var valueStart = i;
        while (i < end && text[i] != ')')
            i += text[i] == '\\' ? 2 : 1;
        var valueEnd = Math.Min(i, end);
        while (valueEnd > valueStart && IsWhitespace(text[valueEnd - 1]))
            valueEnd--;
        if (valueEnd > valueStart)
            Add(found, text, valueStart, valueEnd, ReferenceRole.Resource, use);
        return Math.Min(i + 1, end);
    }

    private static void Add(List<Reference> found, string text, int start, int end, ReferenceRole role, ReferenceUse use = ReferenceUse.Other)
    {
        var url = Unescape(Latin1Text.DecodeUtf8(text.AsSpan(start, end - start))).Trim();
        found.Add(new Reference(start, end - start, url, role, Use: use));
    }

    /// <summary>The index of the quote that closes the string opened at <paramref name="open"/>, or where a newline or the end cuts it short.</summary>
    private static int StringEnd(string text, int open, int end)
    {
        var quote = text[open];
        var i = open + 1;
        while (i < end && text[i] != quote && text[i] != '\n')
            i += text[i] == '\\' ? 2 : 1;
        return Math.Min(i, end);
    }

    private static bool StartsIdentifier(string text, int i, int end)
    {
        var c = text[i];
        if (IsNameStart(c))
            return true;
        if (c == '-' && i + 1 < end)
            return IsNameStart(text[i + 1]) || text[i + 1] == '-';
        return false;
    }

    private static int IdentifierEnd(string text, int i, int end)
    {
        while (i < end)
        {
            if (text[i] == '\\' && i + 1 < end && text[i + 1] != '\n')
                i += 2;
            else if (IsNameStart(text[i]) || char.IsAsciiDigit(text[i]) || text[i] == '-')
                i++;
            else
                break;
        }
        return Math.Min(i, end);
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_' || c >= '\x80';

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';
}
