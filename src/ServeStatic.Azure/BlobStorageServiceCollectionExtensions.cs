using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServeStatic.Azure;
using ServeStatic.Serving;
using ServeStatic.Sources;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the blob source, which serves when <c>ServeStatic:Source</c> is <c>Blob</c>.</summary>
public static class BlobStorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="BlobStorageOptions"/> from <paramref name="section"/>'s <c>Blob</c> section (<paramref name="section"/> is
    /// the <c>ServeStatic</c> section): when its <c>Source</c> is <c>Blob</c>, releases are served from the container
    /// <c>Blob:ContainerUrl</c> (DefaultAzureCredential) or <c>Blob:ConnectionString</c> + <c>Blob:Container</c> names; otherwise
    /// the blob settings are not read, so one Program.cs serves a package folder or a container by configuration.
    /// The release folder <c>Folder:Path</c> names, or without it the release the build put beside the app (<c>release/</c>, as in
    /// the Functions app's package) when there is one, is served while the container has no <c>current</c>
    /// (<see cref="PackagedFallbackSource"/>), unless
    /// <c>Blob:ServeFolderUntilCurrent</c> is <c>false</c>. Call it with <c>AddServeStatic</c>, in either order. A <c>Blob</c>
    /// setting that is missing, malformed or out of range stops the host's start with a message naming its key.
    /// </summary>
    public static IServiceCollection AddServeStaticBlobStorage(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<BlobStorageOptions>().Bind(section.GetSection(BlobStorageOptions.SectionName));
        return services.AddBlobSource();
    }

    /// <summary>
    /// Serves releases from the container <paramref name="configure"/> names (it also sets <c>ServeStatic:Source</c> to
    /// <c>Blob</c>); otherwise as the overload that reads configuration.
    /// </summary>
    public static IServiceCollection AddServeStaticBlobStorage(this IServiceCollection services, Action<BlobStorageOptions> configure)
    {
        services.AddOptions<BlobStorageOptions>().Configure(configure);
        services.AddOptions<ServeStaticOptions>().Configure(options => options.Source = ReleaseSourceKind.Blob);
        return services.AddBlobSource();
    }

    private static IServiceCollection AddBlobSource(this IServiceCollection services)
    {
        // Checked when the source is built, which the host does at its start when Source is Blob: not on start itself, since an
        // app whose Source is Folder (the Functions app with no Blob settings) has no container to name.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BlobStorageOptions>, BlobStorageOptionsValidator>());
        services.TryAddKeyedSingleton<IReleaseSource>(ReleaseSourceKind.Blob, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptions<BlobStorageOptions>>().Value;
            var container = new BlobReleaseSource(options.OpenContainer(), options, provider.GetRequiredService<ILogger<BlobReleaseSource>>());
            var folder = provider.GetRequiredService<IOptions<ServeStaticOptions>>().Value.Folder;
            return options.ServeFolderUntilCurrent && FolderSourceChoice.PackagedRelease(folder) is { } packaged
                ? new PackagedFallbackSource(container,
                    new FolderSource(packaged, previousReleases: folder.PreviousReleases, logger: provider.GetRequiredService<ILogger<FolderSource>>()),
                    provider.GetRequiredService<ILogger<PackagedFallbackSource>>())
                : container;
        });
        return services;
    }
}
