using System.Globalization;
using System.Text;

namespace ServeStatic.Testing;

/// <summary>
/// A JavaScript file that changes from version to version the way a real bundle does: many functions, one of them changed.
/// Its text compresses, but not so far that a delta against the last version could not beat its best ordinary encoding.
/// </summary>
public static class VersionedScript
{
    /// <param name="functions">How many functions (about 90 bytes each).</param>
    /// <param name="version">Which version: function <c>version % functions</c> differs from the first version.</param>
    public static string Text(int functions, int version = 0)
    {
        var text = new StringBuilder();
        for (var i = 0; i < functions; i++)
        {
            // One generator per function: a changed function leaves every other as it was.
            var random = new Random(i);
            var name = Word(random);
            var body = i == version % functions && version > 0 ? $"return \"v{version}\" + {Word(random)};" : $"return {Word(random)} * {random.Next(1000)} + \"{Word(random)}\";";
            text.Append(CultureInfo.InvariantCulture, $"export function {name}{i}({Word(random)}, {Word(random)}) {{ {body} }}\n");
        }
        return text.ToString();
    }

    private static string Word(Random random)
    {
        Span<char> word = stackalloc char[random.Next(5, 12)];
        for (var i = 0; i < word.Length; i++)
            word[i] = (char)('a' + random.Next(26));
        return word.ToString();
    }
}
