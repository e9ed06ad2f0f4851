using System.Globalization;
using Azure.Core;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace ServeStatic.Azure;

/// <summary>
/// The blob source's settings, from <c>ServeStatic:Blob</c>: the container (<c>ContainerUrl</c> with managed identity, or
/// <c>ConnectionString</c> + <c>Container</c>) and how it is watched and cached. See docs/blob-storage.md.
/// </summary>
public sealed class BlobStorageOptions
{
    public const string SectionName = "Blob";

    /// <summary><c>https://&lt;account&gt;.blob.core.windows.net/&lt;container&gt;</c>, read with DefaultAzureCredential.</summary>
    public Uri? ContainerUrl { get; set; }

    public string? ConnectionString { get; set; }

    public string? Container { get; set; }

    /// <summary>How often <c>current</c> is checked with a conditional request on its ETag.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The byte budget of the in-memory body cache (least recently used bodies leave first).</summary>
    public long CacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Bodies up to this size are downloaded whole, verified and cached; larger ones pass range reads through to the blob service.</summary>
    public long MaxCachedBodyBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>How many previously active releases keep their fingerprinted (immutable) assets servable after a switch.</summary>
    public int PreviousReleases { get; set; } = 2;

    /// <summary>
    /// While the container has no <c>current</c>, serve the release folder <c>ServeStatic:Folder:Path</c> names (the one in the
    /// deployment package) instead of answering 503; <see cref="PackagedFallbackSource"/>. No effect without a folder path.
    /// </summary>
    public bool ServeFolderUntilCurrent { get; set; } = true;

    /// <summary>Retries of one storage request before a body is answered 503 (the loader retries loads on its own).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>How long one storage request may take.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads <c>ServeStatic:Blob</c> (<paramref name="section"/> is the <c>Blob</c> section).</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or does not parse; the message names its key.</exception>
    public static BlobStorageOptions Bind(IConfigurationSection section)
    {
        var options = new BlobStorageOptions
        {
            ConnectionString = NullIfEmpty(section["ConnectionString"]),
            Container = NullIfEmpty(section["Container"]),
        };
        if (NullIfEmpty(section["ContainerUrl"]) is { } url)
            options.ContainerUrl = Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed : throw Bad(section, "ContainerUrl", url, "an absolute URL");
        options.PollInterval = TimeSpan.FromSeconds(Number(section, "PollSeconds", options.PollInterval.TotalSeconds));
        options.CacheBytes = (long)Number(section, "CacheBytes", options.CacheBytes);
        options.MaxCachedBodyBytes = (long)Number(section, "MaxCachedBodyBytes", options.MaxCachedBodyBytes);
        options.PreviousReleases = (int)Number(section, "PreviousReleases", options.PreviousReleases);
        options.MaxRetries = (int)Number(section, "MaxRetries", options.MaxRetries);
        options.ServeFolderUntilCurrent = Bool(section, "ServeFolderUntilCurrent", options.ServeFolderUntilCurrent);
        options.NetworkTimeout = TimeSpan.FromSeconds(Number(section, "NetworkTimeoutSeconds", options.NetworkTimeout.TotalSeconds));
        options.Validate(section.Path);
        return options;
    }

    /// <exception cref="InvalidOperationException">The container is not named exactly one way, or a number is out of range.</exception>
    public void Validate(string path = "ServeStatic:Blob")
    {
        void Check(bool ok, string problem)
        {
            if (!ok)
                throw new InvalidOperationException($"{path}: {problem}");
        }
        Check((ContainerUrl is not null) != (ConnectionString is not null),
            "name the container by ContainerUrl (managed identity), or by ConnectionString and Container, not both");
        Check(ConnectionString is null || Container is not null, "Container is required with ConnectionString");
        Check(ContainerUrl is null || (ContainerUrl.Scheme == Uri.UriSchemeHttps && ContainerUrl.AbsolutePath.Trim('/').Length > 0),
            $"ContainerUrl {ContainerUrl} is not https://<account>.blob.core.windows.net/<container>");
        Check(PollInterval > TimeSpan.Zero, "PollSeconds must be positive");
        Check(CacheBytes >= 0 && MaxCachedBodyBytes >= 0, "CacheBytes and MaxCachedBodyBytes must not be negative");
        Check(PreviousReleases is >= 0 and <= CurrentPointer.HistoryLength, $"PreviousReleases must be 0 to {CurrentPointer.HistoryLength}");
        Check(MaxRetries >= 0 && NetworkTimeout > TimeSpan.Zero, "MaxRetries must not be negative and NetworkTimeoutSeconds must be positive");
    }

    /// <summary>The container these options name, with the serving side's retry policy: a few quick retries, then 503.</summary>
    public BlobContainerClient OpenContainer()
    {
        var client = new BlobClientOptions
        {
            Retry =
            {
                Mode = RetryMode.Exponential,
                MaxRetries = MaxRetries,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(2),
                NetworkTimeout = NetworkTimeout,
            },
        };
        return ContainerUrl is not null
            ? ReleaseContainer.FromUrl(ContainerUrl, client)
            : ReleaseContainer.FromConnectionString(ConnectionString!, Container!, client);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static double Number(IConfigurationSection section, string key, double fallback) =>
        section[key] is not { } text ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw Bad(section, key, text, "a number");

    private static bool Bool(IConfigurationSection section, string key, bool fallback) =>
        section[key] is not { } text ? fallback
        : bool.TryParse(text, out var value) ? value
        : throw Bad(section, key, text, "true or false");

    private static InvalidOperationException Bad(IConfigurationSection section, string key, string value, string expected) =>
        new($"{section.Path}:{key}: \"{value}\" is not {expected}");
}
