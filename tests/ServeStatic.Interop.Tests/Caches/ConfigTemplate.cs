using System.Text.RegularExpressions;

namespace ServeStatic.Interop.Tests.Caches;

/// <summary>
/// A cache configuration kept in the repository with <c>${NAME}</c> placeholders (envsubst's syntax, which the docs tell
/// users to render it with), rendered with this run's addresses. A placeholder without a value fails the render.
/// </summary>
internal static partial class ConfigTemplate
{
    public static string Render(string relativePath, IReadOnlyDictionary<string, string> values)
    {
        var path = Repository.File(relativePath);
        var text = File.ReadAllText(path);
        return Placeholder().Replace(text, match => values.TryGetValue(match.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"{path}: no value for the placeholder {match.Value}"));
    }

    [GeneratedRegex(@"\$\{([A-Z_]+)\}")]
    private static partial Regex Placeholder();
}
