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
    /// <summary>Binds <see cref="ServeStaticOptions"/> from <paramref name="section"/> (the <c>ServeStatic</c> section).</summary>
    public static IServiceCollection AddServeStatic(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<ServeStaticOptions>().Configure(options => ServeStaticConfiguration.Bind(section, options));
        return services.AddServeStaticCore();
    }

    public static IServiceCollection AddServeStatic(this IServiceCollection services, Action<ServeStaticOptions> configure)
    {
        services.AddOptions<ServeStaticOptions>().Configure(configure);
        return services.AddServeStaticCore();
    }

    private static IServiceCollection AddServeStaticCore(this IServiceCollection services)
    {
        services.TryAddSingleton<ReleaseHolder>();
        services.TryAddSingleton<ServeStaticResponder>();
        // A source registered by another package (the blob source) wins: TryAdd leaves it in place, and a later Add overrides this.
        services.TryAddSingleton<IReleaseSource>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ServeStaticOptions>>().Value;
            if (options.Source != ReleaseSourceKind.Folder)
            {
                throw new InvalidOperationException(
                    $"{ServeStaticOptions.SectionName}:Source is {options.Source}, but no such source is registered: call services.AddServeStaticBlobStorage(...) from ServeStatic.Azure");
            }
            options.Validate();
            if (string.IsNullOrWhiteSpace(options.Folder.Path))
                throw new InvalidOperationException($"{ServeStaticOptions.SectionName}:Folder:Path: is required when Source is Folder");
            return new FolderSource(options.Folder.Path!, options.Folder.PollSeconds > 0 ? TimeSpan.FromSeconds(options.Folder.PollSeconds) : null,
                options.Folder.PreviousReleases, provider.GetRequiredService<ILogger<FolderSource>>());
        });
        services.AddHostedService<ReleaseLoader>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<KestrelServerOptions>, ConnectionLimits>());
        return services;
    }
}
