using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace ServeStatic.Interop.Tests.Origin;

/// <summary>
/// Every request the origin answered, with the headers a cache in front of it sent: how the tests count what reaches the
/// origin. A startup filter, so it sees requests before the responder, whichever way the responder is hosted.
/// </summary>
internal sealed class OriginRequests : IStartupFilter
{
    private readonly ConcurrentQueue<Seen> _seen = new();

    /// <summary>One answered request.</summary>
    public sealed record Seen(string Method, string Target, string? AcceptEncoding, string? Range, string? IfNoneMatch, int Status, string? ContentEncoding,
        string? AvailableDictionary = null);

    public IReadOnlyList<Seen> All => [.. _seen];

    public void Clear() => _seen.Clear();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, responder) =>
        {
            await responder(context);
            var request = context.Request;
            _seen.Enqueue(new Seen(request.Method, request.Path + request.QueryString, Header(request.Headers.AcceptEncoding), Header(request.Headers.Range),
                Header(request.Headers.IfNoneMatch), context.Response.StatusCode, Header(context.Response.Headers.ContentEncoding),
                Header(request.Headers["Available-Dictionary"])));
        });
        next(app);
    };

    private static string? Header(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0 ? null : values.ToString();
}
