using System.Text.RegularExpressions;

namespace ServeStatic.Testing;

/// <summary>
/// Everything a Functions host printed (stdout and stderr, in arrival order). The worker's logs reach it through the host:
/// what the worker logs during an invocation is logged by the host under <c>Function.&lt;name&gt;.User</c>.
/// </summary>
/// <remarks>
/// The host in <c>SERVESTATIC_FUNCTIONS_HOST</c> writes ASP.NET Core's console format (<c>warn: Category[id]</c> and indented
/// lines), so each entry has its level. Core Tools' <c>func</c> writes <c>[timestamp] message</c> and shows the level only
/// as a colour; there an entry is one line, and it counts as a problem when it reads like one (<see cref="Problems"/>).
/// </remarks>
internal sealed partial class HostOutput
{
    private readonly List<string> _lines = [];

    /// <summary>One log entry: its level and category when the format carries them (else null), and its whole text.</summary>
    public sealed record Entry(string? Level, string? Category, string Text)
    {
        /// <summary>A warning or worse, or, where the level is not shown, a failed execution or an exception.</summary>
        public bool IsProblem => Level is { } level
            ? level is "warn" or "fail" or "crit"
            : Text.Contains("(Failed", StringComparison.Ordinal) || Text.Contains("Exception", StringComparison.Ordinal);
    }

    /// <summary>A position in the output; <see cref="Since"/> reads what came after it.</summary>
    public int Mark()
    {
        lock (_lines)
            return _lines.Count;
    }

    public void Add(string line)
    {
        lock (_lines)
            _lines.Add(line);
    }

    public string Text(int since = 0)
    {
        lock (_lines)
            return string.Join('\n', _lines.Skip(since));
    }

    public IReadOnlyList<Entry> Since(int mark)
    {
        string[] lines;
        lock (_lines)
            lines = _lines.Skip(mark).ToArray();
        var entries = new List<Entry>();
        foreach (var line in lines)
        {
            var header = ConsoleHeader().Match(line);
            if (header.Success)
                entries.Add(new Entry(header.Groups[1].Value, header.Groups[2].Value, line));
            else if (line.StartsWith(' ') && entries.Count > 0 && entries[^1].Level is not null)
                entries[^1] = entries[^1] with { Text = entries[^1].Text + "\n" + line };
            else if (line.Length > 0)
                entries.Add(new Entry(null, null, line));
        }
        return entries;
    }

    public IReadOnlyList<Entry> Problems(int since) => Since(since).Where(e => e.IsProblem).ToList();

    /// <summary>ASP.NET Core's console logger: <c>info: Host.Startup[413]</c>.</summary>
    [GeneratedRegex(@"^(trce|dbug|info|warn|fail|crit): ([^\[\s]+)\[")]
    private static partial Regex ConsoleHeader();
}
