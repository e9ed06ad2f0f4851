using System.CommandLine;
using Azure.Storage.Blobs;
using ServeStatic.Azure;

namespace ServeStatic.Cli;

/// <summary>
/// The options that name a release container, shared by <c>publish</c>, <c>releases</c> and <c>serve</c>:
/// <c>--container-url</c> (identity from DefaultAzureCredential) or <c>--connection-string</c> with <c>--container</c>.
/// </summary>
internal sealed class ContainerOptions
{
    public Option<string> ContainerUrl { get; } = new("--container-url")
    {
        Description = "The container's URL, https://<account>.blob.core.windows.net/<container>; the identity comes from DefaultAzureCredential (az login, managed identity, environment).",
        HelpName = "url",
    };

    public Option<string> ConnectionString { get; } = new("--connection-string")
    {
        Description = "A storage connection string (Azurite, or an account key); use with --container.",
        HelpName = "cs",
    };

    public Option<string> Container { get; } = new("--container")
    {
        Description = "The container name, with --connection-string.",
        HelpName = "name",
    };

    /// <summary>Adds the options to <paramref name="command"/>, which then requires exactly one way of naming a container unless <paramref name="optional"/>.</summary>
    public void AddTo(Command command, bool optional = false)
    {
        command.Options.Add(ContainerUrl);
        command.Options.Add(ConnectionString);
        command.Options.Add(Container);
        command.Validators.Add(result =>
        {
            var url = result.GetValue(ContainerUrl);
            var connectionString = result.GetValue(ConnectionString);
            var container = result.GetValue(Container);
            if (url is not null && (connectionString is not null || container is not null))
                result.AddError("Give either --container-url, or --connection-string with --container, not both.");
            else if ((connectionString is null) != (container is null))
                result.AddError("--connection-string and --container go together.");
            else if (!optional && url is null && connectionString is null)
                result.AddError("Name the release container: --container-url URL, or --connection-string CS --container NAME.");
            else if (url is not null && ParseUrl(url) is null)
                result.AddError($"--container-url {url} is not a container URL (https://<account>.blob.core.windows.net/<container>).");
        });
    }

    /// <summary>The container the options name, or null when none was given (only possible when optional).</summary>
    public BlobContainerClient? Open(ParseResult result)
    {
        if (result.GetValue(ContainerUrl) is { } url)
            return ReleaseContainer.FromUrl(ParseUrl(url)!, ClientOptions);
        if (result.GetValue(ConnectionString) is { } connectionString)
        {
            try
            {
                return ReleaseContainer.FromConnectionString(connectionString, result.GetValue(Container)!, ClientOptions);
            }
            catch (FormatException e)
            {
                throw new ReleaseStorageException($"--connection-string is not a storage connection string: {e.Message}", e);
            }
        }
        return null;
    }

    /// <summary>Points the blob source's settings at the container these options name (<c>servestatic serve</c>).</summary>
    public void ApplyTo(ParseResult result, BlobStorageOptions options)
    {
        options.ContainerUrl = result.GetValue(ContainerUrl) is { } url ? ParseUrl(url) : null;
        options.ConnectionString = result.GetValue(ConnectionString);
        options.Container = result.GetValue(Container);
    }

    /// <summary>Names the container for messages without the connection string (which holds a key): <c>'site' at http://127.0.0.1:10000/devstoreaccount1</c>.</summary>
    public string Describe(ParseResult result) => Open(result) is { } container ? ReleaseContainer.Describe(container) : "(none)";

    /// <summary>A person is waiting: a few quick retries for a blip, then a clear error (the SDK's default takes ~20 s to give up).</summary>
    private static BlobClientOptions ClientOptions => new()
    {
        Retry = { MaxRetries = 3, Delay = TimeSpan.FromSeconds(0.5), MaxDelay = TimeSpan.FromSeconds(4) },
    };

    private static Uri? ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == "https" && url.AbsolutePath.Trim('/').Length > 0 ? url : null;
}
