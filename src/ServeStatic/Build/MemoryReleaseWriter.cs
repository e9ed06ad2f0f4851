using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using ServeStatic.Index;
using ServeStatic.Sources;

namespace ServeStatic.Build;

/// <summary>
/// Builds a release in memory, for serving a live site folder. Given the release it replaces, it reuses that
/// release's content, so a rebuild after one file changed compresses only that file.
/// </summary>
public sealed class MemoryReleaseWriter : IReleaseWriter
{
    private readonly Dictionary<string, StoredContent> _stored;
    private readonly MemoryContentStore? _previousContent;
    private readonly ConcurrentDictionary<string, byte[]> _written = new(StringComparer.Ordinal);
    private LoadedRelease? _release;

    /// <param name="previous">The release this build replaces, built by a writer of this kind; null for the first.</param>
    public MemoryReleaseWriter(LoadedRelease? previous = null)
    {
        _previousContent = previous?.Content as MemoryContentStore;
        _stored = _previousContent is null ? [] : StoredContent.FromIndexes([previous!.Index]);
    }

    /// <summary>The release, once the build has committed it.</summary>
    /// <exception cref="InvalidOperationException">The build has not committed yet.</exception>
    public LoadedRelease Release => _release ?? throw new InvalidOperationException("the build has not committed a release yet");

    public bool TryGetStored(string sha256, [NotNullWhen(true)] out StoredContent? stored) =>
        _stored.TryGetValue(sha256, out stored);

    public void WriteContent(string key, ReadOnlySpan<byte> bytes)
    {
        if (!_written.ContainsKey(key))
            _written.TryAdd(key, bytes.ToArray());
    }

    public void Commit(ReleaseIndex index, ReadOnlySpan<byte> serializedIndex, string releaseId)
    {
        var content = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var variant in index.Assets.SelectMany(asset => asset.Variants))
        {
            if (content.ContainsKey(variant.Key))
                continue;
            if (_written.TryGetValue(variant.Key, out var bytes) || (_previousContent?.TryGet(variant.Key, out bytes) ?? false))
                content[variant.Key] = bytes!;
            else
                throw new InvalidOperationException($"content/{variant.Key} was neither written nor stored before");
        }
        _release = new LoadedRelease(releaseId, index, new MemoryContentStore(content.ToFrozenDictionary(StringComparer.Ordinal)));
    }
}
