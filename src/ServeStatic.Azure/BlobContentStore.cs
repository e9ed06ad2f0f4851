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

    public async Task WriteToAsync(string key, long offset, long count, HttpResponse response, CancellationToken cancellationToken)
    {
        var variant = Find(key);
        if (reader.IsCachedWhole(variant))
        {
            var body = await reader.ReadWholeAsync(variant, cancellationToken);
            await response.Body.WriteAsync(body.AsMemory(checked((int)offset), checked((int)count)), cancellationToken);
        }
        else
        {
            // An 8 MB range of a large blob reads 8 MB from storage, not the whole blob.
            await reader.CopyRangeAsync(variant, offset, count, response.Body, cancellationToken);
        }
    }

    public Task<byte[]> ReadAllAsync(string key, CancellationToken cancellationToken) => reader.ReadWholeAsync(Find(key), cancellationToken);

    private VariantRecord Find(string key) =>
        variants.TryGetValue(key, out var variant) ? variant : throw new ContentUnavailableException($"\"{key}\" is not a content key of this release");
}
