using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServeStatic.Serving;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Puts the responder into a request pipeline: as middleware, or as a catch-all endpoint.</summary>
public static class ServeStaticApplicationBuilderExtensions
{
    /// <summary>Answers the paths the release has and the health path; passes other requests on.</summary>
    public static IApplicationBuilder UseServeStatic(this IApplicationBuilder app) => app.UseMiddleware<ServeStaticMiddleware>();

    /// <summary>
    /// Maps the responder to <paramref name="pattern"/> (all methods; a path the release lacks gets 404) and the health path.
    /// Site paths are the request paths as they are, whatever the pattern.
    /// </summary>
    public static IEndpointConventionBuilder MapServeStatic(this IEndpointRouteBuilder endpoints, string pattern = "{**path}")
    {
        var responder = endpoints.ServiceProvider.GetRequiredService<ServeStaticResponder>();
        var healthPath = endpoints.ServiceProvider.GetRequiredService<IOptions<ServeStaticOptions>>().Value.HealthPath;
        endpoints.Map(healthPath, responder.RespondAsync);
        return endpoints.Map(pattern, responder.RespondAsync);
    }
}
