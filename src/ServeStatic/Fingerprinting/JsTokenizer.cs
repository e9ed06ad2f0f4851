namespace ServeStatic.Fingerprinting;

internal enum JsTokenKind
{
    Identifier,
    Punctuator,
    String,
    Template,
    Number,
    RegularExpression,
}

internal readonly record struct JsToken(JsTokenKind Kind, int Start, int Length);

/// <summary>
/// A small JavaScript tokenizer, enough to tell code from strings, template literals, comments and regular-expression
/// literals (ECMA-262 §12). Punctuators are single characters. Whether a <c>/</c> starts a regular expression or divides
/// is decided from the previous token, as tokenizers without a parser do (§12: the InputElementRegExp goal); where that
/// is ambiguous (after <c>}</c>) it is read as a regular expression, the choice that cannot swallow code into a string.
/// </summary>
internal static class JsTokenizer
{
    private static readonly HashSet<string> KeywordsBeforeExpression = new(StringComparer.Ordinal)
    {
        "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await",
    };

    /// <summary>Tokenizes <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>); every <c>sourceMappingURL</c> comment is added to <paramref name="comments"/>.</summary>
    public static List<JsToken> Tokenize(string text, int start, int end, List<Reference> comments)
    {
        var tokens = new List<JsToken>();
        // One entry per open '{': true when it is a template literal's '${', so the matching '}' resumes the template.
        var braces = new Stack<bool>();
        var i = start;
        if (i + 1 < end && text[i] == '#' && text[i + 1] == '!')
            i = LineEnd(text, i, end);
        while (i < end)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v')
            {
                i++;
            }
            else if (c == '/' && i + 1 < end && text[i + 1] == '/')
            {
                var lineEnd = LineEnd(text, i, end);
                SourceMappingComment.Find(text, i + 2, lineEnd, comments);
                i = lineEnd;
            }
            else if (c == '/' && i + 1 < end && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, end - i - 2, StringComparison.Ordinal);
                SourceMappingComment.Find(text, i + 2, close < 0 ? end : close, comments);
                i = close < 0 ? end : close + 2;
            }
            else if (c is '"' or '\'')
            {
                var close = i + 1;
                while (close < end && text[close] != c && text[close] is not ('\n' or '\r'))
                    close += text[close] == '\\' ? 2 : 1;
                close = Math.Min(close, end);
                tokens.Add(new JsToken(JsTokenKind.String, i, Math.Min(close + 1, end) - i));
                i = close + 1;
            }
            else if (c == '`')
            {
                i = TemplateChunk(text, i + 1, end, i, tokens, braces);
            }
            else if (c == '}' && braces.TryPop(out var isTemplate) && isTemplate)
            {
                i = TemplateChunk(text, i + 1, end, i, tokens, braces);
            }
            else if (c == '/' && RegularExpressionMayStart(text, tokens) && RegularExpressionEnd(text, i, end) is var regexEnd and > 0)
            {
                tokens.Add(new JsToken(JsTokenKind.RegularExpression, i, regexEnd - i));
                i = regexEnd;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < end && char.IsAsciiDigit(text[i + 1])))
            {
                var numberEnd = i + 1;
                while (numberEnd < end && (char.IsAsciiLetterOrDigit(text[numberEnd]) || text[numberEnd] is '_' or '.'))
                    numberEnd++;
                tokens.Add(new JsToken(JsTokenKind.Number, i, numberEnd - i));
                i = numberEnd;
            }
            else if (IsIdentifierPart(c) || c == '\\')
            {
                var nameEnd = i;
                while (nameEnd < end && (IsIdentifierPart(text[nameEnd]) || text[nameEnd] == '\\'))
                    nameEnd += text[nameEnd] == '\\' ? 2 : 1;
                nameEnd = Math.Min(nameEnd, end);
                tokens.Add(new JsToken(JsTokenKind.Identifier, i, nameEnd - i));
                i = nameEnd;
            }
            else
            {
                if (c == '{')
                    braces.Push(false);
                tokens.Add(new JsToken(JsTokenKind.Punctuator, i, 1));
                i++;
            }
        }
        return tokens;
    }

    /// <summary>Reads template characters from <paramref name="i"/> up to the closing backquote or a <c>${</c>.</summary>
    private static int TemplateChunk(string text, int i, int end, int tokenStart, List<JsToken> tokens, Stack<bool> braces)
    {
        while (i < end)
        {
            if (text[i] == '\\')
            {
                i += 2;
            }
            else if (text[i] == '`')
            {
                tokens.Add(new JsToken(JsTokenKind.Template, tokenStart, i + 1 - tokenStart));
                return i + 1;
            }
            else if (text[i] == '$' && i + 1 < end && text[i + 1] == '{')
            {
                tokens.Add(new JsToken(JsTokenKind.Template, tokenStart, i + 2 - tokenStart));
                braces.Push(true);
                return i + 2;
            }
            else
            {
                i++;
            }
        }
        tokens.Add(new JsToken(JsTokenKind.Template, tokenStart, end - tokenStart));
        return end;
    }

    private static bool RegularExpressionMayStart(string text, List<JsToken> tokens)
    {
        if (tokens.Count == 0)
            return true;
        var previous = tokens[^1];
        return previous.Kind switch
        {
            JsTokenKind.Identifier => KeywordsBeforeExpression.Contains(text.Substring(previous.Start, previous.Length)),
            JsTokenKind.Punctuator => text[previous.Start] is not (')' or ']'),
            _ => false,
        };
    }

    /// <summary>The end of the regular-expression literal at <paramref name="i"/> (flags included), or -1 when a line ends first.</summary>
    private static int RegularExpressionEnd(string text, int i, int end)
    {
        var inClass = false;
        for (i++; i < end; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '\n' or '\r':
                    return -1;
                case '[':
                    inClass = true;
                    break;
                case ']':
                    inClass = false;
                    break;
                case '/' when !inClass:
                    i++;
                    while (i < end && IsIdentifierPart(text[i]))
                        i++;
                    return i;
            }
        }
        return -1;
    }

    private static int LineEnd(string text, int i, int end)
    {
        var lineEnd = text.IndexOfAny(['\n', '\r'], i, end - i);
        return lineEnd < 0 ? end : lineEnd;
    }

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || c >= '\x80';
}
