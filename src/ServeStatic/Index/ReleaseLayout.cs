using System.Buffers;

namespace ServeStatic.Index;

/// <summary>
/// Where things live in a release store, a folder or a blob container alike:
/// <c>content/&lt;key&gt;</c>, <c>releases/&lt;id&gt;.json</c>, and <c>current</c>.
/// Paths are relative, with forward slashes.
/// </summary>
internal static class ReleaseLayout
{
    public const string ContentPrefix = "content/";
    public const string ReleasesPrefix = "releases/";
    public const string IndexSuffix = ".json";
    public const string Current = "current";

    public static string ContentPath(string key) => ContentPrefix + key;

    public static string IndexPath(string releaseId) => ReleasesPrefix + releaseId + IndexSuffix;

    /// <summary>A release id or content key: lowercase hex digits, dots and dashes only, so it is safe as a file or blob name.</summary>
    public static bool IsSafeName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > 200 || name[0] == '.')
            return false;
        return !name.ContainsAnyExcept(SafeNameCharacters);
    }

    private static readonly SearchValues<char> SafeNameCharacters = SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyz.-");

    /// <summary>The content of the <c>current</c> pointer: the release id and a newline.</summary>
    public static string FormatCurrent(string releaseId) => releaseId + "\n";

    public static string ParseCurrent(string text, string where)
    {
        var id = text.Trim();
        if (!IsSafeName(id))
            throw new InvalidReleaseException(where, $"'{Current}' does not name a release id (it holds \"{Truncate(id)}\")");
        return id;
    }

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
