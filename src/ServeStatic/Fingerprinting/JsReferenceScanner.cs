using System.Globalization;
using System.Text;

namespace ServeStatic.Fingerprinting;

/// <summary>
/// Finds the module specifiers of a JavaScript file from its tokens (<see cref="JsTokenizer"/>), so that text in strings,
/// template literals, comments and regular expressions is never taken for code:
/// <c>import … from '…'</c>, <c>export … from '…'</c>, <c>import '…'</c>, <c>import('…')</c> with a literal argument,
/// <c>import.meta.resolve('…')</c>, <c>new URL('…', import.meta.url)</c>, and <c>//# sourceMappingURL=…</c>.
/// </summary>
internal static class JsReferenceScanner
{
    public static List<Reference> Scan(string text) => Scan(text, 0, text.Length);

    /// <summary>Scans <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>), reporting offsets in <paramref name="text"/>.</summary>
    public static List<Reference> Scan(string text, int start, int end)
    {
        var found = new List<Reference>();
        var tokens = JsTokenizer.Tokenize(text, start, end, found);
        for (var k = 0; k < tokens.Count; k++)
        {
            if (tokens[k].Kind != JsTokenKind.Identifier || IsPropertyName(text, tokens, k))
                continue;
            var word = text.AsSpan(tokens[k].Start, tokens[k].Length);
            if (word.SequenceEqual("import"))
                ScanImport(text, tokens, k, found);
            else if (word.SequenceEqual("export") && k + 1 < tokens.Count && (Is(text, tokens[k + 1], '*') || Is(text, tokens[k + 1], '{')))
                ScanFromClause(text, tokens, k + 1, found);
            else if (word.SequenceEqual("new") && IsNewUrlOfImportMeta(text, tokens, k))
                Add(found, text, tokens[k + 3], ReferenceRole.Resource);
        }
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>Undoes JavaScript string escapes (ECMA-262 §12.9.4): <c>\n</c> and friends, <c>\xHH</c>, <c>\uHHHH</c>, <c>\u{H…}</c>, line continuations.</summary>
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
            var next = value[++i];
            switch (next)
            {
                case 'n': result.Append('\n'); break;
                case 't': result.Append('\t'); break;
                case 'r': result.Append('\r'); break;
                case 'b': result.Append('\b'); break;
                case 'f': result.Append('\f'); break;
                case 'v': result.Append('\v'); break;
                case '0' when i + 1 == value.Length || !char.IsAsciiDigit(value[i + 1]): result.Append('\0'); break;
                case '\r' when i + 1 < value.Length && value[i + 1] == '\n': i++; break;
                case '\n' or '\r': break;
                case 'x' when i + 2 < value.Length && IsHex(value.AsSpan(i + 1, 2)):
                    result.Append((char)int.Parse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                case 'u' when i + 1 < value.Length && value[i + 1] == '{' && value.IndexOf('}', i) is var close and > 0 && IsHex(value.AsSpan(i + 2, close - i - 2)):
                    var codePoint = int.Parse(value.AsSpan(i + 2, close - i - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    result.Append(codePoint <= 0x10FFFF && codePoint is < 0xD800 or > 0xDFFF ? char.ConvertFromUtf32(codePoint) : "\uFFFD");
                    i = close;
                    break;
                case 'u' when i + 4 < value.Length && IsHex(value.AsSpan(i + 1, 4)):
                    result.Append((char)int.Parse(value.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: result.Append(next); break;
            }
        }
        return result.ToString();
    }

    private static void ScanImport(string text, List<JsToken> tokens, int k, List<Reference> found)
    {
        if (k + 1 >= tokens.Count)
            return;
        var next = tokens[k + 1];
        if (next.Kind == JsTokenKind.String)
        {
            // import 'specifier';
            Add(found, text, next, ReferenceRole.Module, ReferenceUse.StaticImport);
        }
        else if (Is(text, next, '('))
        {
            // import('specifier') or import('specifier', { with: … }); anything computed is left alone.
            if (k + 3 < tokens.Count && tokens[k + 2].Kind == JsTokenKind.String && (Is(text, tokens[k + 3], ')') || Is(text, tokens[k + 3], ',')))
                Add(found, text, tokens[k + 2], ReferenceRole.Module);
        }
        else if (Is(text, next, '.'))
        {
            // import.meta.resolve('specifier')
            if (k + 6 < tokens.Count && IsWord(text, tokens[k + 2], "meta") && Is(text, tokens[k + 3], '.') && IsWord(text, tokens[k + 4], "resolve")
                && Is(text, tokens[k + 5], '(') && tokens[k + 6].Kind == JsTokenKind.String)
                Add(found, text, tokens[k + 6], ReferenceRole.Module);
        }
        else if (next.Kind == JsTokenKind.Identifier || Is(text, next, '{') || Is(text, next, '*'))
        {
            ScanFromClause(text, tokens, k + 1, found);
        }
    }

    /// <summary>
    /// Reads an import or export clause (<c>x, { a as b, "c" as d }</c>, <c>* as ns</c>) from token <paramref name="k"/> to
    /// <c>from '…'</c>; anything else at the top level (<c>;</c>, <c>=</c>, a second statement) means there is no specifier.
    /// </summary>
    private static void ScanFromClause(string text, List<JsToken> tokens, int k, List<Reference> found)
    {
        var depth = 0;
        for (; k < tokens.Count; k++)
        {
            var token = tokens[k];
            if (Is(text, token, '{'))
            {
                depth++;
            }
            else if (Is(text, token, '}'))
            {
                // After the closing brace of the clause only "from '…'" may follow.
                if (--depth == 0 && k + 2 < tokens.Count && IsWord(text, tokens[k + 1], "from") && tokens[k + 2].Kind == JsTokenKind.String)
                    Add(found, text, tokens[k + 2], ReferenceRole.Module, ReferenceUse.StaticImport);
                if (depth <= 0)
                    return;
            }
            else if (depth > 0)
            {
                if (token.Kind is not (JsTokenKind.Identifier or JsTokenKind.String) && !Is(text, token, ','))
                    return;
            }
            else if (IsWord(text, token, "from") && k + 1 < tokens.Count && tokens[k + 1].Kind == JsTokenKind.String)
            {
                Add(found, text, tokens[k + 1], ReferenceRole.Module, ReferenceUse.StaticImport);
                return;
            }
            else if (token.Kind != JsTokenKind.Identifier && !Is(text, token, ',') && !Is(text, token, '*')
                && !(token.Kind == JsTokenKind.String && IsWord(text, tokens[k - 1], "as")))
            {
                return;
            }
        }
    }

    // new URL('…', import.meta.url)
    private static bool IsNewUrlOfImportMeta(string text, List<JsToken> tokens, int k) =>
        k + 10 < tokens.Count && IsWord(text, tokens[k + 1], "URL") && Is(text, tokens[k + 2], '(') && tokens[k + 3].Kind == JsTokenKind.String
        && Is(text, tokens[k + 4], ',') && IsWord(text, tokens[k + 5], "import") && Is(text, tokens[k + 6], '.') && IsWord(text, tokens[k + 7], "meta")
        && Is(text, tokens[k + 8], '.') && IsWord(text, tokens[k + 9], "url") && Is(text, tokens[k + 10], ')');

    /// <summary>True for <c>a.import</c> and <c>a?.import</c>, where the word names a property, not the keyword.</summary>
    private static bool IsPropertyName(string text, List<JsToken> tokens, int k) =>
        k > 0 && Is(text, tokens[k - 1], '.') && !(k > 2 && Is(text, tokens[k - 2], '.') && Is(text, tokens[k - 3], '.'));

    private static void Add(List<Reference> found, string text, JsToken token, ReferenceRole role, ReferenceUse use = ReferenceUse.Other)
    {
        // A string token includes its quotes; an unterminated one (cut short by a line end) is not a specifier.
        if (token.Length < 2 || text[token.Start + token.Length - 1] != text[token.Start])
            return;
        var url = Unescape(Latin1Text.DecodeUtf8(text.AsSpan(token.Start + 1, token.Length - 2)));
        found.Add(new Reference(token.Start + 1, token.Length - 2, url, role, Use: use));
    }

    private static bool Is(string text, JsToken token, char punctuator) => token.Kind == JsTokenKind.Punctuator && text[token.Start] == punctuator;

    private static bool IsWord(string text, JsToken token, string word) =>
        token.Kind == JsTokenKind.Identifier && text.AsSpan(token.Start, token.Length).SequenceEqual(word);

    private static bool IsHex(ReadOnlySpan<char> digits) => !digits.IsEmpty && !digits.ContainsAnyExcept("0123456789abcdefABCDEF");
}
