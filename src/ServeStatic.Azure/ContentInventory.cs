using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServeStatic.Index;

namespace ServeStatic.Azure;

/// <summary>Which content keys a container holds: one listing of <c>content/</c> (5,000 names a page), not one request per blob.</summary>
internal static class ContentInventory
{
    public static async Task<HashSet<string>> ListKeysAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = ReleaseLayout.ContentPrefix }, cancellationToken))
            keys.Add(blob.Name[ReleaseLayout.ContentPrefix.Length..]);
        return keys;
    }

    /// <summary>The distinct content keys an index refers to, each with one asset that uses it (for its content type).</summary>
    public static Dictionary<string, (AssetRecord Asset, VariantRecord Variant)> Referenced(ReleaseIndex index)
    {
        var referenced = new Dictionary<string, (AssetRecord, VariantRecord)>(StringComparer.Ordinal);
        foreach (var asset in index.Assets)
        {
            foreach (var variant in asset.Variants)
                referenced.TryAdd(variant.Key, (asset, variant));
        }
        return referenced;
    }

    /// <exception cref="ReleaseStorageException">Some content the release refers to is not in the container.</exception>
    public static void EnsureComplete(string releaseId, IEnumerable<string> referenced, HashSet<string> present, string where)
    {
        var missing = referenced.Where(k => !present.Contains(k)).ToList();
        if (missing.Count > 0)
        {
            throw new ReleaseStorageException(
                $"{where}: release {releaseId} is incomplete: {ReleaseLayout.ContentPath(missing[0])}" +
                (missing.Count > 1 ? $" and {missing.Count - 1} more content blobs are" : " is") + " missing");
        }
    }
}
