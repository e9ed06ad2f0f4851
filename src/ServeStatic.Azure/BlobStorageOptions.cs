using Azure.Core;
using Azure.Storage.Blobs;

namespace ServeStatic.Azure;

/// <summary>
/// The blob source's settings, from <c>ServeStatic:Blob</c>: the container (<c>ContainerUrl</c> with managed identity, or
/// <c>ConnectionString</c> + <c>Container</c>) and how it is watched and cached, under the names of their keys. Checked by
/// <see cref="BlobStorageOptionsValidator"/> when the host starts. See docs/blob-storage.md.
/// </summary>
public sealed class BlobStorageOptions
{
    public const string SectionName = "Blob";

    private string? _connectionString;
    private string? _container;

    /// <summary><c>https://&lt;account&gt;.blob.core.windows.net/&lt;container&gt;</c>, read with DefaultAzureCredential.</summary>
    public Uri? ContainerUrl { get; set; }

    /// <summary>A storage connection string (Azurite, or an account key), with <see cref="Container"/>; blank is unset.</summary>
    public string? ConnectionString { get => _connectionString; set => _connectionString = NullIfEmpty(value); }

    /// <summary>The container's name, with <see cref="ConnectionString"/>; blank is unset.</summary>
    public string? Container { get => _container; set => _container = NullIfEmpty(value); }

    /// <summary>How often, in seconds, <c>current</c> is checked with a conditional request on its ETag.</summary>
    public double PollSeconds { get; set; } = 10;

    /// <summary>The byte budget of the in-memory body cache (least recently used bodies leave first).</summary>
    public long CacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Bodies up to this size are downloaded whole, verified and cached; larger ones pass range reads through to the blob service.</summary>
    public long MaxCachedBodyBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>How many previously active releases keep their fingerprinted (immutable) assets servable after a switch.</summary>
    public int PreviousReleases { get; set; } = 2;

    /// <summary>
    /// While the container has no <c>current</c>, serve the release folder <c>ServeStatic:Folder:Path</c> names, or without it the
    /// release beside the app (<c>release/</c>, the one in the deployment package), instead of answering 503;
    /// <see cref="PackagedFallbackSource"/>. No effect when there is neither.
    /// </summary>
    public bool ServeFolderUntilCurrent { get; set; } = true;

    /// <summary>Retries of one storage request before a body is answered 503 (the loader retries loads on its own).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>How long one storage request may take, in seconds.</summary>
    public double NetworkTimeoutSeconds { get; set; } = 30;

    /// <summary>The container these options name, with the serving side's retry policy: a few quick retries, then 503.</summary>
    internal BlobContainerClient OpenContainer()
    {
        var client = new BlobClientOptions
        {
            Retry =
            {
                Mode = RetryMode.Exponential,
                MaxRetries = MaxRetries,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(2),
                NetworkTimeout = TimeSpan.FromSeconds(NetworkTimeoutSeconds),
            },
        };
        return ContainerUrl is not null
            ? ReleaseContainer.FromUrl(ContainerUrl, client)
            : ReleaseContainer.FromConnectionString(ConnectionString!, Container!, client);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
