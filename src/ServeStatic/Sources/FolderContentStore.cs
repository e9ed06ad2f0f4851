using Microsoft.AspNetCore.Http;
using ServeStatic.Index;

namespace ServeStatic.Sources;

/// <summary>
/// The <c>content/</c> folder of a release folder. Bodies go out through the server's send-file path, which reads only the
/// requested range from disk and never buffers the whole file.
/// </summary>
internal sealed class FolderContentStore(string contentFolder) : IContentStore
{
    public async Task WriteToAsync(string key, long offset, long count, HttpResponse response, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            await response.SendFileAsync(path, offset, count, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new ContentUnavailableException($"{path}: {e.Message}", e);
        }
    }

    public async Task<byte[]> ReadAllAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new ContentUnavailableException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Checks, before a release can serve, that every content file its index names is a regular file of the recorded size
    /// (<see cref="FolderContentCheck"/>): a missing, truncated or padded file, or one replaced by a link, is refused at load
    /// (the last good release keeps serving) instead of answering 500 or a body that contradicts its Content-Length. One
    /// stat per file; the bytes themselves are hashed at load only for the bodies held in memory (AssetIndex), not for those
    /// streamed from disk: <c>servestatic inspect --verify</c> hashes them all.
    /// </summary>
    /// <exception cref="InvalidReleaseException">A content file is missing, not a regular file, or of another size; the message names it and the asset.</exception>
    public void VerifySizes(ReleaseIndex index, string releaseId) => FolderContentCheck.ThrowOnFault(contentFolder, index, releaseId, ContentCheck.Size);

    /// <summary>Keys are validated with the index; checking again keeps this store safe on its own.</summary>
    private string PathOf(string key) =>
        ReleaseLayout.IsSafeName(key) ? Path.Combine(contentFolder, key) : throw new ContentUnavailableException($"\"{key}\" is not a content key");
}
