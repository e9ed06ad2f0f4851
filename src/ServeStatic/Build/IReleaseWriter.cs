using System.Diagnostics.CodeAnalysis;
using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>
/// Where a build puts its release: a release folder (<see cref="FolderReleaseWriter"/>) or a private scratch folder
/// (<see cref="ScratchReleaseWriter"/>, for serving a live folder in development mode). Methods may be called from several threads at once.
/// </summary>
internal interface IReleaseWriter
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

    /// <summary>
    /// Stores an original that is not compressed as <c>content/&lt;sha256&gt;</c>, checked against <paramref name="hash"/>.
    /// By default it is read whole and stored with <see cref="WriteContent"/>; a writer that copies it in chunks
    /// (<see cref="ScratchReleaseWriter"/>, for development mode) never holds a big file whole.
    /// </summary>
    /// <exception cref="BuildException">The original cannot be read or changed since it was hashed, or the store cannot be written.</exception>
    void WriteOriginal(AssetContent content, ContentHash hash) => WriteContent(hash.Sha256, content.ReadAll(hash).Span);

    /// <summary>
    /// The indexes of the <paramref name="count"/> releases the store holds that were written last, newest first: where a
    /// build finds the earlier versions of a file to make deltas against. None by default (a store without history).
    /// </summary>
    IReadOnlyList<ReleaseIndex> PreviousReleases(int count) => [];

    /// <summary>
    /// The bytes of stored content (an earlier version of a file, a delta made before), when the store holds them and they
    /// are the bytes <paramref name="variant"/> records; null otherwise. Null by default.
    /// </summary>
    byte[]? ReadStored(VariantRecord variant) => null;

    /// <summary>Stores the index and then makes it current, once every piece of content it names is stored.</summary>
    /// <param name="index">The index.</param>
    /// <param name="serializedIndex">Its serialized form, the bytes stored.</param>
    /// <param name="releaseId">Its id.</param>
    /// <exception cref="BuildException">The store cannot be written, or already has a different release of that id.</exception>
    void Commit(ReleaseIndex index, ReadOnlySpan<byte> serializedIndex, string releaseId);
}
