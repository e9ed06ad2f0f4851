using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServeStatic.Build;
using ServeStatic.Serving;
using ServeStatic.Sources;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the responder, the release holder, the warm-start loader, (for <c>Source = Folder</c>) the folder source
/// (<see cref="FolderSourceChoice"/>: a release folder, or in development a site folder served live), and
/// connection limits for Kestrel where the app set none (docs/connections.md).
/// </summary>
public static class ServeStaticServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ServeStaticOptions"/> from the app's configuration, its <c>ServeStatic</c> section (which may be absent:
    /// with no <c>ServeStatic:Folder:Path</c>, the release the build put beside the app is served, or in the Development
    /// environment the app's <c>wwwroot</c>, live). A value that is not of its setting's type, or a setting out of range, stops
    /// the host's start with a message naming its key.
    /// </summary>
    public static IServiceCollection AddServeStatic(this IServiceCollection services)
    {
        services.AddServeStaticDefaults().BindConfiguration(ServeStaticOptions.SectionName);
        return services.AddServeStaticCore();
    }

    /// <summary>
    /// Binds <see cref="ServeStaticOptions"/> from <paramref name="section"/> (the <c>ServeStatic</c> section). A value that is not
    /// of its setting's type, or a setting out of range, stops the host's start with a message naming its key.
    /// </summary>
    public static IServiceCollection AddServeStatic(this IServiceCollection services, IConfiguration section)
    {
        services.AddServeStaticDefaults().Bind(section);
        return services.AddServeStaticCore();
    }

    /// <summary>Sets <see cref="ServeStaticOptions"/> in code; a setting out of range stops the host's start with a message naming it.</summary>
    public static IServiceCollection AddServeStatic(this IServiceCollection services, Action<ServeStaticOptions> configure)
    {
        services.AddServeStaticDefaults().Configure(configure);
        return services.AddServeStaticCore();
    }

    /// <summary>The Development environment's defaults, registered once and before any binding or code, so those win.</summary>
    private static OptionsBuilder<ServeStaticOptions> AddServeStaticDefaults(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Transient<IConfigureOptions<ServeStaticOptions>, DevelopmentDefaults>());
        return services.AddOptions<ServeStaticOptions>();
    }

    private static IServiceCollection AddServeStaticCore(this IServiceCollection services)
    {
        services.AddOptions<ServeStaticOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServeStaticOptions>, ServeStaticOptionsValidator>());
        services.TryAddSingleton<ReleaseHolder>();
        // By a factory: the responder's constructor is internal (its ReleaseHolder is not public API), and the container
        // activates public constructors only.
        services.TryAddSingleton(provider => new ServeStaticResponder(provider.GetRequiredService<ReleaseHolder>(),
            provider.GetRequiredService<ReleaseLoader>(), provider.GetRequiredService<IOptions<ServeStaticOptions>>(), provider.GetRequiredService<ILogger<ServeStaticResponder>>()));
        // A source registered before wins (TryAdd: the CLI's serve command, tests); otherwise ServeStatic:Source picks one: the
        // folder source, or one another package registered under its kind (the blob source: AddServeStaticBlobStorage).
        services.TryAddSingleton<IReleaseSource>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ServeStaticOptions>>().Value;
            if (options.Source != ReleaseSourceKind.Folder)
            {
                return provider.GetKeyedService<IReleaseSource>(options.Source) ?? throw new InvalidOperationException(
                    $"{ServeStaticOptions.SectionName}:Source is {options.Source}, but no such source is registered: call services.AddServeStaticBlobStorage(...) from ServeStatic.Azure");
            }
            return CreateFolderSource(provider, options.Folder);
        });
        // One loader: the hosted service that loads and watches, and the one the responder asks to refresh after a miss.
        services.TryAddSingleton<ReleaseLoader>();
        services.AddHostedService(provider => provider.GetRequiredService<ReleaseLoader>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<KestrelServerOptions>, ConnectionLimits>());
        return services;
    }

    /// <summary>The folder source of <see cref="FolderSourceChoice"/>: a release folder, or in development a site folder served live.</summary>
    private static IReleaseSource CreateFolderSource(IServiceProvider provider, FolderSourceOptions folder)
    {
        var choice = FolderSourceChoice.Make(folder, provider.GetRequiredService<IHostEnvironment>(), provider.GetService<IWebHostEnvironment>()?.WebRootPath);
        if (!choice.Live)
        {
            return new FolderSource(choice.Folder, folder.PollSeconds > 0 ? TimeSpan.FromSeconds(folder.PollSeconds) : null,
                folder.PreviousReleases, provider.GetRequiredService<ILogger<FolderSource>>());
        }
        provider.GetRequiredService<ILogger<FolderSourceChoice>>().DevelopmentMode(choice.Folder);
        return new SiteFolderSource(new BuildOptions(choice.Folder), provider.GetRequiredService<ILogger<SiteFolderSource>>());
    }
}
