using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServeStatic.Azure;
using ServeStatic.Serving;
using ServeStatic.Sources;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the blob source when <c>ServeStatic:Source</c> is <c>Blob</c>.</summary>
public static class BlobStorageServiceCollectionExtensions
{
    /// <summary>
    /// Reads <paramref name="section"/> (the <c>ServeStatic</c> section): when its <c>Source</c> is <c>Blob</c>, serves releases
    /// from the container <c>Blob:ContainerUrl</c> (DefaultAzureCredential) or <c>Blob:ConnectionString</c> + <c>Blob:Container</c>
    /// names; otherwise registers nothing, so one Program.cs serves a package folder or a container by configuration.
    /// When <c>Folder:Path</c> is set too (the Functions app always sets it to the release in its package), that release is
    /// served while the container has no <c>current</c> (<see cref="PackagedFallbackSource"/>), unless
    /// <c>Blob:ServeFolderUntilCurrent</c> is <c>false</c>. Call it with <c>AddServeStatic</c>, in either order.
    /// </summary>
    /// <exception cref="InvalidOperationException">A <c>Blob</c> setting is missing or malformed; the message names its key.</exception>
    public static IServiceCollection AddServeStaticBlobStorage(this IServiceCollection services, IConfiguration section)
    {
        if (!Enum.TryParse<ReleaseSourceKind>(section["Source"], ignoreCase: true, out var source) || source != ReleaseSourceKind.Blob)
            return services;
        var options = BlobStorageOptions.Bind(section.GetSection(BlobStorageOptions.SectionName));
        services.AddSingleton<IReleaseSource>(provider =>
        {
            var container = new BlobReleaseSource(options.OpenContainer(), options, provider.GetRequiredService<ILogger<BlobReleaseSource>>());
            var folder = provider.GetRequiredService<IOptions<ServeStaticOptions>>().Value.Folder;
            return options.ServeFolderUntilCurrent && !string.IsNullOrWhiteSpace(folder.Path)
                ? new PackagedFallbackSource(container,
                    new FolderSource(folder.Path, previousReleases: folder.PreviousReleases, logger: provider.GetRequiredService<ILogger<FolderSource>>()),
                    provider.GetRequiredService<ILogger<PackagedFallbackSource>>())
                : container;
        });
        return services;
    }
}
