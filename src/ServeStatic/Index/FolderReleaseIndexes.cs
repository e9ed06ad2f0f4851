namespace ServeStatic.Index;

/// <summary>The indexes in a release folder's <c>releases/</c>, newest first by the time each was written.</summary>
public static class FolderReleaseIndexes
{
    /// <summary>
    /// Every <c>releases/&lt;id&gt;.json</c> whose name is a safe release id, newest first (ties by name); empty when the folder
    /// has no <c>releases/</c>. "Newest" is the write time: what a build wrote last, what a prune keeps and a source serves after the current one.
    /// </summary>
    public static IReadOnlyList<FileInfo> NewestFirst(string root)
    {
        var releases = Path.Join(root, ReleaseLayout.ReleasesPrefix);
        if (!Directory.Exists(releases))
            return [];
        return [.. Directory.EnumerateFiles(releases, "*" + ReleaseLayout.IndexSuffix)
            .Select(path => new FileInfo(path))
            .Where(file => ReleaseLayout.IsSafeName(IdOf(file)))
            .OrderByDescending(file => file.LastWriteTimeUtc).ThenBy(file => file.Name, StringComparer.Ordinal)];
    }

    /// <summary>The release id an index file is named for.</summary>
    public static string IdOf(FileInfo index) => Path.GetFileNameWithoutExtension(index.Name);
}
