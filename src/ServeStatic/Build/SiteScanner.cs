using System.Text;

namespace ServeStatic.Build;

/// <summary>
/// Finds the files of a site: recursively, leaving out dotfiles and dot-folders (except <c>/.well-known/</c>, RFC 8615)
/// and whatever the exclude globs match, refusing symbolic links that lead outside the site and names that cannot be URL paths,
/// and leaving out, with a warning, named pipes, devices and sockets (reading a named pipe would wait for a writer forever).
/// </summary>
internal static class SiteScanner
{
    /// <summary>
    /// The longest URL path accepted, in characters. Generous for any real site, and short enough that the
    /// percent-encoded form stays well inside the request-line limits of servers, proxies and CDNs (8 KiB and more).
    /// </summary>
    public const int MaxUrlPathLength = 1024;

    /// <summary>Every file to serve, ordered by URL path (ordinal), and a warning for each special file left out.</summary>
    /// <exception cref="BuildException">The folder is missing or empty, or an entry cannot be read or served; the message names it.</exception>
    public static SiteScan Scan(string sitePath, IReadOnlyList<SitePathGlob> excludes)
    {
        var full = Path.GetFullPath(sitePath);
        if (!Directory.Exists(full))
            throw new BuildException(full, File.Exists(full) ? "the site is a file, not a folder" : "the site folder does not exist");
        var root = RealPath.Resolve(full);
        var scan = new Walk(root, excludes);
        scan.Folder(root, "");
        if (scan.Files.Count == 0)
            throw new BuildException(full, scan.Excluded == 0 ? "the site folder has no files to serve" : $"the site folder has no files to serve once {scan.Excluded} excluded entries are left out");
        scan.Files.Sort((a, b) => string.CompareOrdinal(a.UrlPath, b.UrlPath));
        return new SiteScan(scan.Files, scan.Warnings);
    }

    /// <summary>Why a file or folder name cannot be one segment of a URL path, or null when it can.</summary>
    public static string? UrlSegmentProblem(string name)
    {
        if (name.Contains('\uFFFD', StringComparison.Ordinal))
            return "the name is not valid UTF-8";
        var rest = name.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
                return "the name is not valid Unicode";
            if (Rune.IsControl(rune))
                return $"the name contains the control character U+{rune.Value:X4}";
            if (rune.Value == '\\')
                return "the name contains a backslash, which URL paths treat as a separator";
            rest = rest[consumed..];
        }
        return null;
    }

    private sealed class Walk(string root, IReadOnlyList<SitePathGlob> excludes)
    {
        public List<SiteFile> Files { get; } = [];

        public List<string> Warnings { get; } = [];

        public int Excluded { get; private set; }

        /// <summary>Scans <paramref name="realFolder"/>, whose site-relative path is <paramref name="relative"/>.</summary>
        public void Folder(string realFolder, string relative)
        {
            foreach (var entry in Entries(realFolder))
            {
                var name = entry.Name;
                var relativePath = relative.Length == 0 ? name : relative + "/" + name;
                var isFolder = Directory.Exists(entry.FullName);
                if (IsExcluded(relativePath, isFolder))
                {
                    Excluded++;
                    continue;
                }
                if (UrlSegmentProblem(name) is { } problem)
                    throw new BuildException(entry.FullName, $"cannot be served: {problem}");
                var real = Path.Join(realFolder, name);
                if (entry.LinkTarget is not null)
                    real = FollowLink(entry, realFolder);
                if (isFolder)
                {
                    Folder(real, relativePath);
                }
                else if (SpecialFileType(real) is { } special)
                {
                    var what = UnixFileStatus.Describe(special);
                    Warnings.Add(entry.LinkTarget is null
                        ? $"{entry.FullName}: {what}, not a regular file; left out"
                        : $"{entry.FullName}: a symbolic link to {real}, {what}, not a regular file; left out");
                }
                else if (File.Exists(real))
                {
                    AddFile(entry, real, "/" + relativePath);
                }
            }
        }

        /// <summary>A dotfile or dot-folder (but <c>/.well-known/</c>) anywhere along the site-relative path, or an exclude glob's match.</summary>
        private bool IsExcluded(string relativePath, bool isFolder)
        {
            var segments = relativePath.Split('/');
            for (var i = 0; i < segments.Length; i++)
            {
                if (segments[i].StartsWith('.') && !(i == 0 && segments[i] == SitePaths.WellKnown && (isFolder || segments.Length > 1)))
                    return true;
            }
            if (excludes.Count == 0)
                return false;
            var sitePath = isFolder ? $"/{relativePath}/" : "/" + relativePath;
            return excludes.Any(glob => glob.Matches(sitePath));
        }

        private string FollowLink(FileSystemInfo link, string realFolder)
        {
            string target;
            try
            {
                target = RealPath.Resolve(link.FullName);
            }
            catch (IOException e)
            {
                throw new BuildException(link.FullName, $"cannot follow the symbolic link: {e.Message}", e);
            }
            if (!RealPath.IsWithin(target, root))
                throw new BuildException(link.FullName, $"is a symbolic link to {target}, outside the site folder {root}; refused");
            if (!Path.Exists(target))
                throw new BuildException(link.FullName, $"is a symbolic link to {target}, which does not exist");
            if (Directory.Exists(target) && RealPath.IsWithin(realFolder, target))
                throw new BuildException(link.FullName, $"is a symbolic link to {target}, a folder that contains it (a loop)");
            // A link must not publish what the site leaves out: `public-env -> .env`, `gitdir -> .git`, `latest -> drafts/`.
            var targetPath = Path.GetRelativePath(root, target).Replace(Path.DirectorySeparatorChar, '/');
            if (targetPath != "." && IsExcluded(targetPath, Directory.Exists(target)))
                throw new BuildException(link.FullName, $"is a symbolic link to {targetPath}, which the site leaves out (a dotfile, a dot-folder or an --exclude match); refused");
            return target;
        }

        /// <summary>The type of <paramref name="real"/> when it is neither a folder nor a regular file: a named pipe, a device or a socket.</summary>
        private static UnixFileType? SpecialFileType(string real) =>
            UnixFileStatus.IsSupported && UnixFileStatus.Of(real) is { Type: not (UnixFileType.Regular or UnixFileType.Directory) } status ? status.Type : null;

        private void AddFile(FileSystemInfo entry, string real, string urlPath)
        {
            if (urlPath.Length > MaxUrlPathLength)
                throw new BuildException(entry.FullName, $"the URL path is {urlPath.Length} characters long; the limit is {MaxUrlPathLength}");
            DateTime modified;
            try
            {
                modified = File.GetLastWriteTimeUtc(real);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BuildException(entry.FullName, $"cannot be read: {e.Message}", e);
            }
            Files.Add(new SiteFile(urlPath, real, WholeSeconds(modified)));
        }

        private static List<FileSystemInfo> Entries(string folder)
        {
            try
            {
                var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, ReturnSpecialDirectories = false };
                return [.. new DirectoryInfo(folder).EnumerateFileSystemInfos("*", options).OrderBy(e => e.Name, StringComparer.Ordinal)];
            }
            catch (UnauthorizedAccessException e)
            {
                throw new BuildException(folder, "the folder cannot be read (permission denied)", e);
            }
            catch (DirectoryNotFoundException e)
            {
                throw new BuildException(folder, "the folder vanished during the build", e);
            }
            catch (PathTooLongException e)
            {
                throw new BuildException(folder, "the path is too long for this file system", e);
            }
            catch (IOException e)
            {
                throw new BuildException(folder, $"the folder cannot be read: {e.Message}", e);
            }
        }

        private static DateTimeOffset WholeSeconds(DateTime utc) =>
            new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
