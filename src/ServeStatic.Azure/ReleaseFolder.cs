using ServeStatic.Index;

namespace ServeStatic.Azure;

/// <summary>A release on disk, ready to publish: its id, its index (validated) and the exact bytes of the index document.</summary>
public sealed record ReleaseFolder(string Path, string ReleaseId, ReleaseIndex Index, byte[] IndexBytes)
{
    /// <summary>
    /// Reads the release a folder's <c>current</c> names (or its only index when it has no <c>current</c>) and checks that
    /// every content file the index refers to is there with the recorded size (<see cref="FolderContentCheck"/>).
    /// </summary>
    /// <exception cref="InvalidReleaseException">The folder is not a usable release; the message names what and where.</exception>
    public static ReleaseFolder Read(string path)
    {
        var root = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(root))
            throw new InvalidReleaseException(root, "the release folder does not exist");
        var currentFile = System.IO.Path.Combine(root, ReleaseLayout.Current);
        string id;
        if (File.Exists(currentFile))
        {
            id = ReleaseLayout.ParseCurrent(File.ReadAllText(currentFile), currentFile);
        }
        else
        {
            var releases = System.IO.Path.Combine(root, "releases");
            var indexes = Directory.Exists(releases) ? Directory.GetFiles(releases, "*" + ReleaseLayout.IndexSuffix) : [];
            if (indexes.Length != 1)
                throw new InvalidReleaseException(root, $"there is no '{ReleaseLayout.Current}' file and {indexes.Length} indexes in releases/, so which release to publish is unclear");
            id = System.IO.Path.GetFileNameWithoutExtension(indexes[0]);
            if (!ReleaseLayout.IsSafeName(id))
                throw new InvalidReleaseException(indexes[0], "the index's file name is not a safe release id");
        }

        var indexFile = System.IO.Path.Combine(root, ReleaseLayout.IndexPath(id));
        if (!File.Exists(indexFile))
            throw new InvalidReleaseException(indexFile, $"the index of release {id} is missing");
        var bytes = File.ReadAllBytes(indexFile);
        var index = IndexSerializer.Deserialize(bytes, indexFile);
        FolderContentCheck.ThrowOnFault(System.IO.Path.Combine(root, ReleaseLayout.ContentPrefix), index, id, ContentCheck.Size);
        return new ReleaseFolder(root, id, index, bytes);
    }

    public string ContentFile(string key) => System.IO.Path.Combine(Path, ReleaseLayout.ContentPath(key));
}
