using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServeStatic.Serving;

namespace ServeStatic.Functions;

/// <summary>
/// The one function of the app: every method on every path (host.json sets an empty route prefix) is handed
/// to the responder, which writes the whole response itself, including 404, 405 and the health path.
/// </summary>
public sealed class StaticSiteFunction(ServeStaticResponder responder)
{
    [Function("StaticSite")]
    public Task Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "{*path}")] HttpRequest request) =>
        responder.RespondAsync(request.HttpContext);
}
