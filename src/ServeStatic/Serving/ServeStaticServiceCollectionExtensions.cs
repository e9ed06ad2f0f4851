using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServeStatic.Serving;
using ServeStatic.Sources;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the responder, the release holder, the warm-start loader, (for <c>Source = Folder</c>) the folder source, and
/// connection limits for Kestrel where the app set none (docs/connections.md).
/// </summary>
public static class ServeStaticServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ServeStaticOptions"/> from <paramref name="section"/> (the <c>ServeStatic</c> section). A value that is not
    /// of its setting's type, or a setting out of range, stops the host's start with a message naming its key.
    /// </summary>
    public static IServiceCollection AddServeStatic(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<ServeStaticOptions>().Bind(section);
        return services.AddServeStaticCore();
    }

    /// <summary>Sets <see cref="ServeStaticOptions"/> in code; a setting out of range stops the host's start with a message naming it.</summary>
    public static IServiceCollection AddServeStatic(this IServiceCollection services, Action<ServeStaticOptions> configure)
    {
        services.AddOptions<ServeStaticOptions>().Configure(configure);
        return services.AddServeStaticCore();
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
            if (string.IsNullOrWhiteSpace(options.Folder.Path))
                throw new InvalidOperationException($"{ServeStaticOptions.SectionName}:Folder:Path: is required when Source is Folder");
            return new FolderSource(options.Folder.Path!, options.Folder.PollSeconds > 0 ? TimeSpan.FromSeconds(options.Folder.PollSeconds) : null,
                options.Folder.PreviousReleases, provider.GetRequiredService<ILogger<FolderSource>>());
        });
        // One loader: the hosted service that loads and watches, and the one the responder asks to refresh after a miss.
        services.TryAddSingleton<ReleaseLoader>();
        services.AddHostedService(provider => provider.GetRequiredService<ReleaseLoader>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<KestrelServerOptions>, ConnectionLimits>());
        return services;
    }
}
