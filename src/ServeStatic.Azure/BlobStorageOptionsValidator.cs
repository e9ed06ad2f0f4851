using Microsoft.Extensions.Options;

namespace ServeStatic.Azure;

/// <summary>
/// The rules <see cref="BlobStorageOptions"/> must keep, checked when the blob source is built (at the host's start, when
/// <c>ServeStatic:Source</c> is <c>Blob</c>): each broken rule is one line naming its key under <c>ServeStatic:Blob</c>.
/// </summary>
internal sealed class BlobStorageOptionsValidator : IValidateOptions<BlobStorageOptions>
{
    private const string Section = "ServeStatic:" + BlobStorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, BlobStorageOptions options)
    {
        var failures = new List<string>();
        void Check(bool ok, string key, string rule)
        {
            if (!ok)
                failures.Add($"{Section}{key}: {rule}");
        }
        Check((options.ContainerUrl is not null) != (options.ConnectionString is not null), "",
            "name the container by ContainerUrl (managed identity), or by ConnectionString and Container, not both");
        Check(options.ConnectionString is null || options.Container is not null, ":Container", "is required with ConnectionString");
        Check(options.ContainerUrl is null || (options.ContainerUrl.IsAbsoluteUri && options.ContainerUrl.Scheme == Uri.UriSchemeHttps
            && options.ContainerUrl.AbsolutePath.Trim('/').Length > 0),
            ":ContainerUrl", $"{options.ContainerUrl} is not https://<account>.blob.core.windows.net/<container>");
        Check(options.PollSeconds > 0, ":PollSeconds", "must be positive");
        Check(options.CacheBytes >= 0, ":CacheBytes", "must not be negative");
        Check(options.MaxCachedBodyBytes >= 0, ":MaxCachedBodyBytes", "must not be negative");
        Check(options.PreviousReleases is >= 0 and <= CurrentPointer.HistoryLength, ":PreviousReleases", $"must be 0 to {CurrentPointer.HistoryLength}");
        Check(options.MaxRetries >= 0, ":MaxRetries", "must not be negative");
        Check(options.NetworkTimeoutSeconds > 0, ":NetworkTimeoutSeconds", "must be positive");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
