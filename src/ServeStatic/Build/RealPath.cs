namespace ServeStatic.Build;

/// <summary>A path with every symbolic link along it resolved, like POSIX <c>realpath</c>, so containment checks cannot be fooled.</summary>
internal static class RealPath
{
    /// <summary>How many links one resolution may follow before it is a loop (Linux's limit, <c>ELOOP</c>).</summary>
    private const int MaxLinks = 40;

    /// <exception cref="IOException">The links form a loop.</exception>
    public static string Resolve(string path)
    {
        var links = 0;
        var pending = Path.GetFullPath(path);
        while (true)
        {
            var root = Path.GetPathRoot(pending)!;
            var parts = pending[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var current = root;
            string? restart = null;
            for (var i = 0; i < parts.Length && restart is null; i++)
            {
                var next = Path.Join(current, parts[i]);
                if (new FileInfo(next).LinkTarget is { } target)
                {
                    if (++links > MaxLinks)
                        throw new IOException($"too many levels of symbolic links at {next}");
                    restart = Path.GetFullPath(Path.Join(Path.GetFullPath(target, current), string.Join(Path.DirectorySeparatorChar, parts[(i + 1)..])));
                }
                current = next;
            }
            if (restart is null)
                return current;
            pending = restart;
        }
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or inside it (both already resolved).</summary>
    public static bool IsWithin(string path, string folder)
    {
        var prefix = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return path == folder || path.StartsWith(prefix, StringComparison.Ordinal);
    }
}
