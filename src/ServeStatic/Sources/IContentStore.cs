using Microsoft.AspNetCore.Http;

namespace ServeStatic.Sources;

/// <summary>
/// The bytes of a release: <c>content/&lt;key&gt;</c> in a folder or a blob container.
/// Content is immutable, so a store may cache freely.
/// </summary>
internal interface IContentStore
{
    /// <summary>Writes bytes <c>[offset, offset + count)</c> of <c>content/&lt;key&gt;</c> to the response body, without buffering the whole.</summary>
    /// <exception cref="ContentUnavailableException">The store cannot supply the bytes now (unreachable, or they fail verification).</exception>
    Task WriteToAsync(string key, long offset, long count, HttpResponse response, CancellationToken cancellationToken);

    /// <summary>Reads the whole of <c>content/&lt;key&gt;</c> (used to hold small bodies in memory).</summary>
    /// <exception cref="ContentUnavailableException">The store cannot supply the bytes now.</exception>
    Task<byte[]> ReadAllAsync(string key, CancellationToken cancellationToken);

    /// <summary>The load-time budget of a store that does not choose its own: 64 MiB.</summary>
    const long StandardMemoryBudgetBytes = 64 * 1024 * 1024;

    /// <summary>How many bytes of small bodies to copy into memory at load when <c>ServeStatic:MemoryBudgetBytes</c> is not set.</summary>
    long DefaultMemoryBudgetBytes => StandardMemoryBudgetBytes;
}
