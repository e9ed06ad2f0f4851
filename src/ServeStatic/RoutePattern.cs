using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ServeStatic;

/// <summary>
/// The <c>from</c> of a redirect or rewrite (docs/site-rules.md): a site path whose segments are literal, or a placeholder
/// (<c>:name</c>, one whole non-empty segment), and whose last segment may be <c>*</c> (the rest of the path, named
/// <c>:splat</c>). Parsed once; <see cref="Match"/> walks the request path in place, recording where each capture is,
/// so matching allocates nothing. A pattern of literal segments only is exact: a dictionary key, never matched here.
/// </summary>
internal sealed class RoutePattern
{
    /// <summary>The most captures a pattern may have (they are recorded on the stack).</summary>
    public const int MaxCaptures = 16;

    public const string Splat = "splat";

    /// <summary>One segment: a literal, or the name of a placeholder (<see cref="Splat"/> for the final <c>*</c>).</summary>
    private readonly record struct Segment(string Text, bool IsCapture);

    private readonly Segment[] _segments;
    private readonly bool _endsWithSplat;

    private RoutePattern(string text, Segment[] segments, bool endsWithSplat)
    {
        Text = text;
        _segments = segments;
        _endsWithSplat = endsWithSplat;
        Names = [.. segments.Where(s => s.IsCapture).Select(s => s.Text)];
    }

    public string Text { get; }

    /// <summary>The names captured, in order (<c>splat</c> last when the pattern ends with <c>*</c>).</summary>
    public IReadOnlyList<string> Names { get; }

    public bool IsExact => Names.Count == 0;

    /// <summary>Parses a <c>from</c>; the problem worded for a build error when it is not one.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out RoutePattern? pattern, [NotNullWhen(false)] out string? problem)
    {
        pattern = null;
        if (text is not ['/', ..] || text.Contains('\\') || text.Contains('\0') || text.Contains('?') || text.Contains('#'))
        {
            problem = $"\"{text}\" is not a site path (it starts with /, and has no \\, ? or #)";
            return false;
        }
        var parts = text[1..].Split('/');
        var segments = new List<Segment>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part == "*")
            {
                if (i != parts.Length - 1)
                {
                    problem = $"\"{text}\": * may only be the last segment";
                    return false;
                }
                segments.Add(new Segment(Splat, IsCapture: true));
            }
            else if (part.StartsWith(':'))
            {
                var name = part[1..];
                if (name.Length == 0 || name == Splat || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                {
                    problem = $"\"{text}\": \"{part}\" is not a placeholder (: then letters, digits or _, not :splat)";
                    return false;
                }
                if (segments.Any(s => s.IsCapture && s.Text == name))
                {
                    problem = $"\"{text}\": the placeholder :{name} appears twice";
                    return false;
                }
                segments.Add(new Segment(name, IsCapture: true));
            }
            else if (part.Contains('*'))
            {
                problem = $"\"{text}\": * stands alone as the last segment (/blog/*)";
                return false;
            }
            else
            {
                segments.Add(new Segment(part, IsCapture: false));
            }
        }
        if (segments.Count(s => s.IsCapture) > MaxCaptures)
        {
            problem = $"\"{text}\": more than {MaxCaptures} placeholders";
            return false;
        }
        pattern = new RoutePattern(text, [.. segments], parts[^1] == "*");
        problem = null;
        return true;
    }

    /// <summary>
    /// Whether <paramref name="path"/> (canonical, unescaped) matches; each capture's place in it is written to
    /// <paramref name="captures"/> (at least <see cref="Names"/>.Count long), in the order of <see cref="Names"/>.
    /// A placeholder matches one non-empty segment; the splat matches the rest of the path, which may be empty.
    /// </summary>
    public bool Match(ReadOnlySpan<char> path, Span<Range> captures)
    {
        var position = 0;
        var capture = 0;
        for (var i = 0; i < _segments.Length; i++)
        {
            if (position >= path.Length || path[position] != '/')
                return false;
            position++;
            var segment = _segments[i];
            if (_endsWithSplat && i == _segments.Length - 1)
            {
                captures[capture] = position..path.Length;
                return true;
            }
            var length = path[position..].IndexOf('/');
            if (length < 0)
                length = path.Length - position;
            if (segment.IsCapture)
            {
                if (length == 0)
                    return false;
                captures[capture++] = position..(position + length);
            }
            else if (!path.Slice(position, length).SequenceEqual(segment.Text))
            {
                return false;
            }
            position += length;
        }
        return position == path.Length;
    }

    /// <summary>A path this pattern matches, with each capture standing for <paramref name="filler"/> (for checks at build time).</summary>
    public string Example(string filler = "x") =>
        "/" + string.Join('/', _segments.Select(s => s.IsCapture ? filler : s.Text));
}

/// <summary>
/// The <c>to</c> of a redirect: literal text and <c>:name</c> references to the captures of its <see cref="RoutePattern"/>,
/// split once so that a redirect being sent is one concatenation. A reference is a <c>:</c> followed by a captured name
/// where a segment starts (after <c>/</c>) or at the very start; any other <c>:</c> (<c>https:</c>) is text.
/// </summary>
internal sealed class RouteTarget
{
    private readonly (string Text, int Capture)[] _parts;

    private RouteTarget(string text, (string Text, int Capture)[] parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    public bool HasCaptures => _parts.Any(p => p.Capture >= 0);

    /// <summary>Splits <paramref name="text"/> against the names <paramref name="from"/> captures; a :name it does not capture is a problem.</summary>
    public static bool TryParse(string text, RoutePattern from, [NotNullWhen(true)] out RouteTarget? target, [NotNullWhen(false)] out string? problem)
    {
        var parts = new List<(string, int)>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == ':' && (i == 0 || text[i - 1] == '/'))
            {
                var end = i + 1;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
                    end++;
                var name = text[(i + 1)..end];
                var index = from.Names.ToList().IndexOf(name);
                if (index < 0)
                {
                    target = null;
                    problem = $"\"{text}\" uses :{name}, which \"{from.Text}\" does not capture";
                    return false;
                }
                if (literal.Length > 0)
                    parts.Add((literal.ToString(), -1));
                literal.Clear();
                parts.Add(("", index));
                i = end;
            }
            else
            {
                literal.Append(text[i++]);
            }
        }
        if (literal.Length > 0)
            parts.Add((literal.ToString(), -1));
        target = new RouteTarget(text, [.. parts]);
        problem = null;
        return true;
    }

    /// <summary>
    /// The target with each reference replaced by its capture from <paramref name="path"/>, percent-encoded segment by segment
    /// when <paramref name="escape"/> (a splat keeps its slashes). Put together on the stack: the string returned is the one
    /// allocation, so a pattern redirect costs a request its Location only.
    /// </summary>
    public string Expand(ReadOnlySpan<char> path, ReadOnlySpan<Range> captures, bool escape)
    {
        // A character percent-encodes to at most 9 (3 bytes of UTF-8); a surrogate pair, two characters, to 12.
        var most = Text.Length + (path.Length * 9);
        Span<char> text = most <= StackLimit ? stackalloc char[StackLimit] : new char[most];
        var written = 0;
        foreach (var (literal, capture) in _parts)
        {
            if (capture < 0)
            {
                literal.CopyTo(text[written..]);
                written += literal.Length;
                continue;
            }
            var value = path[captures[capture]];
            if (!escape)
            {
                value.CopyTo(text[written..]);
                written += value.Length;
                continue;
            }
            var first = true;
            foreach (var segment in value.Split('/'))
            {
                if (!first)
                    text[written++] = '/';
                first = false;
                Uri.TryEscapeDataString(value[segment], text[written..], out var escaped);
                written += escaped;
            }
        }
        return new string(text[..written]);
    }

    private const int StackLimit = 2048;
}
