using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using ServeStatic.Index;
using ServeStatic.Sources;

namespace ServeStatic.Azure;

/// <summary>
/// The content of one loaded release (its own assets and the kept assets of previous releases) in a blob container.
/// It knows each key's size and SHA-256 from the index, so every body is verified; the bytes come from the
/// container's shared <see cref="ContentBlobReader"/>.
/// </summary>
internal sealed class BlobContentStore(ContentBlobReader reader, FrozenDictionary<string, VariantRecord> variants) : IContentStore
{
    /// <summary>
    /// Bodies are cached on first use (<c>Blob:CacheBytes</c>). Copying the small ones at load would download every one of them on
    /// every instance at each warm start and switch, so it is off unless <c>ServeStatic:MemoryBudgetBytes</c> is set.
    /// </summary>
    public long DefaultMemoryBudgetBytes => 0;

    public Task WriteToAsync(string key, long offset, long count, HttpResponse response, CancellationToken cancellationToken)
    {
        var variant = Find(key);
        // The common case, a cached body, allocates nothing: no Task for the lookup, and none for a write Kestrel completes at once.
        if (reader.TryGetCached(variant, out var cached))
        {
            var write = response.Body.WriteAsync(Slice(cached, offset, count), cancellationToken);
            return write.IsCompletedSuccessfully ? Task.CompletedTask : write.AsTask();
        }
        return reader.IsCachedWhole(variant)
            ? DownloadThenWriteAsync(variant, offset, count, response, cancellationToken)
            // An 8 MB range of a large blob reads 8 MB from storage, not the whole blob.
            : reader.CopyRangeAsync(variant, offset, count, response.Body, cancellationToken);
    }

    private async Task DownloadThenWriteAsync(VariantRecord variant, long offset, long count, HttpResponse response, CancellationToken cancellationToken)
    {
        var body = await reader.ReadWholeAsync(variant, cancellationToken);
        await response.Body.WriteAsync(Slice(body, offset, count), cancellationToken);
    }

    private static ReadOnlyMemory<byte> Slice(byte[] body, long offset, long count) => body.AsMemory(checked((int)offset), checked((int)count));

    public Task<byte[]> ReadAllAsync(string key, CancellationToken cancellationToken) => reader.ReadWholeAsync(Find(key), cancellationToken);

    private VariantRecord Find(string key) =>
        variants.TryGetValue(key, out var variant) ? variant : throw new ContentUnavailableException($"\"{key}\" is not a content key of this release");
}
