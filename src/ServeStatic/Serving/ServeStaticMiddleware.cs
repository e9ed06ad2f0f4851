using Microsoft.AspNetCore.Http;

namespace ServeStatic.Serving;

/// <summary>Answers the paths the release has (and the health path); passes every other request on.</summary>
internal sealed class ServeStaticMiddleware(RequestDelegate next, ServeStaticResponder responder)
{
    public Task InvokeAsync(HttpContext context) => responder.HandleAsync(context, next);
}
