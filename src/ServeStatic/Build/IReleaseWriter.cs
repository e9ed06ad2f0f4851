using System.Diagnostics.CodeAnalysis;
using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>
/// Where a build puts its release: a release folder (<see cref="FolderReleaseWriter"/>) or memory
/// (<see cref="MemoryReleaseWriter"/>, for serving a live folder). Methods may be called from several threads at once.
/// </summary>
public interface IReleaseWriter
{
    /// <summary>
    /// The variants an earlier build stored for the original with this SHA-256, all still present with the bytes it
    /// recorded, so the build neither compresses nor writes it again.
    /// </summary>
    bool TryGetStored(string sha256, [NotNullWhen(true)] out StoredContent? stored);

    /// <summary>
    /// Stores <c>content/&lt;key&gt;</c>. Content is addressed by its key, so storing a key that already holds these bytes does
    /// nothing; one that holds other bytes (damaged, overwritten) is replaced.
    /// </summary>
    /// <exception cref="BuildException">The store cannot be written.</exception>
    void WriteContent(string key, ReadOnlySpan<byte> bytes);

    /// <summary>Stores the index and then makes it current, once every piece of content it names is stored.</summary>
    /// <param name="index">The index.</param>
    /// <param name="serializedIndex">Its serialized form, the bytes stored.</param>
    /// <param name="releaseId">Its id.</param>
    /// <exception cref="BuildException">The store cannot be written, or already has a different release of that id.</exception>
    void Commit(ReleaseIndex index, ReadOnlySpan<byte> serializedIndex, string releaseId);
}
