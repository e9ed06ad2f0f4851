using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace EmptyFunction;

/// <summary>Answers every path with the same fixed body, the size of the sample site's Brotli <c>/css/app.css</c>.</summary>
public static class EmptyFunction
{
    private static readonly byte[] Body = new byte[863];

    [Function("Empty")]
    public static Task Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "{*path}")] HttpRequest request)
    {
        var response = request.HttpContext.Response;
        response.ContentType = "text/css; charset=utf-8";
        response.ContentLength = Body.Length;
        return response.Body.WriteAsync(Body).AsTask();
    }
}
