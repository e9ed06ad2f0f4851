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

    /// <summary>Keys are validated with the index; checking again keeps this store safe on its own.</summary>
    private string PathOf(string key) =>
        ReleaseLayout.IsSafeName(key) ? Path.Combine(contentFolder, key) : throw new ContentUnavailableException($"\"{key}\" is not a content key");
}
