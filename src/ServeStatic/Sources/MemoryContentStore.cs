using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace ServeStatic.Sources;

/// <summary>The content of a release held in memory: key → bytes (the responder benchmarks make their release this way).</summary>
internal sealed class MemoryContentStore(FrozenDictionary<string, byte[]> content) : IContentStore
{
    public int Count => content.Count;

    public bool TryGet(string key, out byte[] bytes) => content.TryGetValue(key, out bytes!);

    public async Task WriteToAsync(string key, long offset, long count, HttpResponse response, CancellationToken cancellationToken)
    {
        var bytes = Get(key);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, bytes.LongLength);
        await response.Body.WriteAsync(bytes.AsMemory((int)offset, (int)count), cancellationToken);
    }

    public Task<byte[]> ReadAllAsync(string key, CancellationToken cancellationToken) => Task.FromResult(Get(key));

    private byte[] Get(string key) =>
        content.TryGetValue(key, out var bytes)
            ? bytes
            : throw new ContentUnavailableException($"content/{key} is not in the memory store");
}
