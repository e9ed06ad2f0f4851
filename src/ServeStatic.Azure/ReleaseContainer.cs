using Azure.Identity;
using Azure.Storage.Blobs;

namespace ServeStatic.Azure;

/// <summary>Opens the blob container that holds releases, from a container URL (managed identity) or a connection string.</summary>
internal static class ReleaseContainer
{
    /// <summary>A container by URL, authenticated with <see cref="DefaultAzureCredential"/> (managed identity in Azure, the developer's login locally).</summary>
    public static BlobContainerClient FromUrl(Uri containerUrl, BlobClientOptions? options = null) =>
        new(containerUrl, new DefaultAzureCredential(), options);

    /// <summary>A container by connection string and name (Azurite, local work, shared-key accounts).</summary>
    public static BlobContainerClient FromConnectionString(string connectionString, string container, BlobClientOptions? options = null) =>
        new(connectionString, container, options);

    /// <summary>Creates the container (private: no public access) if it does not exist.</summary>
    /// <exception cref="ReleaseStorageException">The account is unreachable or refuses.</exception>
    public static async Task CreateIfMissingAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        try
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (Exception e) when (BlobStorageFailure.IsStorageFailure(e))
        {
            throw new ReleaseStorageException($"{Describe(container)}: creating the container failed: {BlobStorageFailure.Explain(e)}", e);
        }
    }

    /// <summary>Names the container and its account for messages: <c>container 'site' of account 'prodsite'</c>.</summary>
    public static string Describe(BlobContainerClient container) =>
        $"container '{container.Name}' of account '{container.AccountName}' ({container.Uri.GetLeftPart(UriPartial.Authority)})";
}
