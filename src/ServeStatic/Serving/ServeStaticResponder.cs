using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using ServeStatic.Sources;

namespace ServeStatic.Serving;

/// <summary>
/// Answers one request from the current release: canonical path → lookup → method → encoding → validators → range →
/// headers → body. The same code serves as middleware, as an endpoint, and inside a host that hands over an
/// <see cref="HttpContext"/> (the Functions app) through <see cref="RespondAsync"/>.
/// </summary>
public sealed class ServeStaticResponder
{
    /// <summary>RFC 9110 §15.5.6: a 405 lists the methods the resource supports.</summary>
    private static readonly StringValues AllowedMethods = "GET, HEAD";
    private static readonly StringValues NoStore = "no-store";
    private static readonly StringValues NoSniff = "nosniff";

    private readonly ReleaseHolder _holder;
    private readonly ReleaseLoader? _loader;
    private readonly ILogger _logger;
    private readonly string _healthPath;
    private readonly StringValues _retryAfter;
    private readonly StringValues _shortCacheControl;
    private readonly StringValues _notFoundCacheControl;
    private readonly CorsPolicy _cors;

    /// <param name="loader">Refreshes the release after a fingerprinted miss; without one (a fixed snapshot), a miss is final.</param>
    internal ServeStaticResponder(ReleaseHolder holder, ReleaseLoader? loader, IOptions<ServeStaticOptions> options, ILogger<ServeStaticResponder> logger)
    {
        var settings = options.Value;
        _holder = holder;
        _loader = loader;
        _logger = logger;
        _healthPath = settings.HealthPath;
        _retryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        _shortCacheControl = $"public, max-age={settings.MaxAgeSeconds}";
        _notFoundCacheControl = $"public, max-age={settings.NotFoundMaxAgeSeconds}";
        _cors = new CorsPolicy(settings);
    }

    /// <summary>Answers every request itself: a path the release does not have is a 404 (or the SPA fallback or 404 page).</summary>
    public Task RespondAsync(HttpContext context) => HandleAsync(context, next: null);

    /// <summary>With <paramref name="next"/>, a path that is not the release's is passed on (middleware); without, answered 404.</summary>
    internal Task HandleAsync(HttpContext context, RequestDelegate? next)
    {
        if (string.Equals(context.Request.Path.Value, _healthPath, StringComparison.Ordinal))
            return Health(context.Response);
        var index = _holder.Current;
        return index is null ? WaitForReleaseAsync(context, next) : Respond(index, context, next);
    }

    private async Task WaitForReleaseAsync(HttpContext context, RequestDelegate? next)
    {
        AssetIndex? index;
        try
        {
            index = await _holder.WaitDuringStartupAsync(context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        if (index is null)
            ServiceUnavailable(context.Response);
        else
            await Respond(index, context, next);
    }

    private Task Respond(AssetIndex index, HttpContext context, RequestDelegate? next)
    {
        var verdict = RequestPath.Canonicalize(context, out var path);
        return verdict == PathVerdict.Encoded ? RespondDecoded(index, context, next, path) : Route(index, context, next, verdict, path);
    }

    /// <summary>A percent-encoded path is decoded on the stack; only such requests pay for the buffers.</summary>
    private Task RespondDecoded(AssetIndex index, HttpContext context, RequestDelegate? next, ReadOnlySpan<char> encoded)
    {
        Span<byte> bytes = stackalloc byte[RequestPath.MaxLength];
        Span<char> chars = stackalloc char[RequestPath.MaxLength];
        var verdict = RequestPath.Decode(encoded, bytes, chars, out var path);
        return Route(index, context, next, verdict, path);
    }

    /// <summary>Looks the canonical path up in the release; a fingerprinted name it lacks has the release refreshed first.</summary>
    private Task Route(AssetIndex index, HttpContext context, RequestDelegate? next, PathVerdict verdict, ReadOnlySpan<char> path)
    {
        if (verdict != PathVerdict.Canonical)
        {
            return next is not null ? next(context)
                : verdict == PathVerdict.BadRequest ? Empty(context.Response, StatusCodes.Status400BadRequest) : NotFound(context.Response, path);
        }
        if (index.TryFind(path, out var asset))
            return Found(index, context, asset);
        if (_loader is not null && CachePolicy.NameCarriesHash(path) && !(next is null && _cors.IsPreflight(context.Request)))
            return RefreshThenLookUpAsync(index, context, next, path.ToString());
        return Missed(index, context, next, path);
    }

    /// <summary>A fingerprinted name this release lacks may be a newer release's: look once more after a (rate-limited) load.</summary>
    private async Task RefreshThenLookUpAsync(AssetIndex missed, HttpContext context, RequestDelegate? next, string path)
    {
        AssetIndex? newer;
        try
        {
            newer = await _loader!.RefreshAfterMissAsync(missed, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        var index = newer ?? missed;
        await (index.TryFind(path, out var asset) ? Found(index, context, asset) : Missed(index, context, next, path));
    }

    private Task Found(AssetIndex index, HttpContext context, Asset asset) =>
        _cors.IsPreflight(context.Request) ? _cors.Preflight(context.Response) : Serve(index, context, asset, StatusCodes.Status200OK);

    /// <summary>
    /// A path the release has no asset at: an exact redirect, a pattern redirect or rewrite, the next handler, the SPA
    /// fallback, the nearest 404 page, or a 404.
    /// </summary>
    private Task Missed(AssetIndex index, HttpContext context, RequestDelegate? next, ReadOnlySpan<char> path)
    {
        if (index.TryFindRedirect(path, out var redirect))
            return _cors.IsPreflight(context.Request) ? _cors.Preflight(context.Response) : Redirect(context, redirect, redirect.Location!);
        if (index.Patterns.Length > 0)
        {
            Span<Range> captures = stackalloc Range[RoutePattern.MaxCaptures];
            foreach (var rule in index.Patterns)
            {
                if (!rule.From.Match(path, captures))
                    continue;
                if (_cors.IsPreflight(context.Request))
                    return _cors.Preflight(context.Response);
                return rule.Rewrite is { } rewrite ? Serve(index, context, rewrite, StatusCodes.Status200OK)
                    : Redirect(context, rule.Redirect!, index.PatternLocations.For(path, rule.Redirect!, captures));
            }
        }
        if (next is not null)
            return next(context);
        if (_cors.IsPreflight(context.Request))
            return _cors.Preflight(context.Response);
        if (IsGetOrHead(context.Request.Method) && index.FallsBackToSpa(path))
            return Serve(index, context, index.SpaFallback!, StatusCodes.Status200OK);
        if (index.TryFindNotFoundPage(path, out var page))
            return Serve(index, context, page, StatusCodes.Status404NotFound, NotFoundCacheControl(path));
        return NotFound(context.Response, path);
    }

    /// <param name="notFoundCacheControl">With status 404 (the 404 page): the Cache-Control of a miss, in place of the page's own.</param>
    private Task Serve(AssetIndex index, HttpContext context, Asset asset, int status, StringValues notFoundCacheControl = default)
    {
        var request = context.Request;
        var response = context.Response;
        var method = request.Method;
        if (!IsGetOrHead(method))
            return MethodNotAllowed(response);
        // The delta the client named a dictionary for (never for a Range request), else the preferred ordinary encoding.
        var representation = AvailableDictionary.ChooseDelta(request.Headers, asset, _cors.AllowOrigin)
            ?? AcceptEncoding.Choose(request.Headers.AcceptEncoding, asset);
        var headers = response.Headers;
        var offset = 0L;
        var length = representation.Size;
        if (status == StatusCodes.Status200OK)
        {
            // RFC 9110 §14.2: range handling is defined for GET only, If-Range (§13.1.5) can turn it off, and a server may ignore
            // Range — as it does for an empty file, which has no byte to name (nginx answers 200; a 416 broke Front Door's cache).
            // A range is always of the identity representation (docs/ranges.md): a range of a Brotli or gzip body is bytes no
            // client can decode on their own, and every client can put identity ranges together.
            var rangeVerdict = RangeVerdict.Whole;
            var range = default(ByteRange);
            var identity = asset.Identity;
            if (HttpMethods.IsGet(method) && request.Headers.Range.Count > 0 && identity.Size > 0
                && Preconditions.IfRangeHolds(request.Headers, asset, identity))
            {
                rangeVerdict = ByteRange.Parse(request.Headers.Range, identity.Size, out range);
                if (rangeVerdict != RangeVerdict.Whole)
                    representation = identity;
            }
            // RFC 9110 §13.2.2: the preconditions come first, for the representation that would be sent.
            switch (Preconditions.Evaluate(request.Headers, asset, representation))
            {
                case PreconditionOutcome.NotModified:
                    response.StatusCode = StatusCodes.Status304NotModified;
                    asset.WriteNotModifiedHeaders(headers, representation);
                    return Task.CompletedTask;
                case PreconditionOutcome.Failed:
                    asset.WriteCommonHeaders(headers);
                    return Empty(response, StatusCodes.Status412PreconditionFailed);
            }
            switch (rangeVerdict)
            {
                case RangeVerdict.Partial:
                    status = StatusCodes.Status206PartialContent;
                    offset = range.Offset;
                    length = range.Length;
                    // RFC 9110 §14.4: Content-Range: bytes first-last/complete-length
                    headers.ContentRange = $"bytes {range.Offset}-{range.Last}/{identity.Size}";
                    break;
                case RangeVerdict.Unsatisfiable:
                    asset.WriteCommonHeaders(headers);
                    // RFC 9110 §15.5.17: a 416 sends Content-Range: bytes */complete-length
                    headers.ContentRange = $"bytes */{identity.Size}";
                    return Empty(response, StatusCodes.Status416RangeNotSatisfiable);
            }
        }
        if (representation.Refused)
        {
            // Found at load not to be the bytes the index names (reported then, once): never sent under the index's ETag.
            _logger.ContentRefused(asset.Path);
            headers.Clear();
            ServiceUnavailable(response);
            return Task.CompletedTask;
        }
        response.StatusCode = status;
        asset.WriteHeaders(headers, representation);
        if (status == StatusCodes.Status200OK && asset.UseAsDictionary.Count > 0)
            headers[AvailableDictionary.UseAsDictionaryHeaderName] = asset.UseAsDictionary;
        if (status == StatusCodes.Status404NotFound)
        {
            headers.CacheControl = notFoundCacheControl;
            headers.Vary = Asset.AcceptEncodingVary;
        }
        response.ContentLength = length;
        // RFC 9110 §9.3.2: HEAD sends exactly the headers of GET, without the body.
        if (HttpMethods.IsHead(method) || length == 0)
            return Task.CompletedTask;
        if (representation.Body is { } body)
        {
            // No cancellation token: asking for RequestAborted makes the server set one up for each request, and a write to a
            // closed connection fails anyway.
            var write = response.Body.WriteAsync(body.AsMemory((int)offset, (int)length));
            return write.IsCompletedSuccessfully ? Task.CompletedTask : AwaitWriteAsync(write, context, asset);
        }
        return StreamAsync(index.Content, context, asset, representation, offset, length);
    }

    private async Task AwaitWriteAsync(ValueTask write, HttpContext context, Asset asset)
    {
        try
        {
            await write;
        }
        catch (Exception e) when (IsDisconnect(e, context))
        {
            _logger.ClientDisconnected(asset.Path);
        }
    }

    private async Task StreamAsync(IContentStore content, HttpContext context, Asset asset, Representation representation, long offset, long length)
    {
        try
        {
            await content.WriteToAsync(representation.Key, offset, length, context.Response, context.RequestAborted);
            // Kestrel turns writes to a connection the client closed into no-ops rather than errors: a copy can end
            // "successfully" after the client went away, and that is the same event as the exception below.
            if (context.RequestAborted.IsCancellationRequested)
                _logger.ClientDisconnected(asset.Path);
        }
        catch (ContentUnavailableException e)
        {
            if (context.Response.HasStarted)
            {
                _logger.ContentUnavailableMidBody(e, asset.Path);
                context.Abort();
                return;
            }
            _logger.ContentUnavailable(e, asset.Path);
            context.Response.Clear();
            ServiceUnavailable(context.Response);
        }
        catch (Exception e) when (IsDisconnect(e, context))
        {
            _logger.ClientDisconnected(asset.Path);
        }
    }

    private static bool IsDisconnect(Exception e, HttpContext context) =>
        e is ConnectionResetException or ConnectionAbortedException
        || (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested);

    private Task Redirect(HttpContext context, SiteRedirect redirect, string location)
    {
        var response = context.Response;
        if (!IsGetOrHead(context.Request.Method))
            return MethodNotAllowed(response);
        // The query string is kept as the client sent it (unless the rule drops it), except what a header cannot carry.
        var query = redirect.PreserveQuery ? HeaderSafeQuery(context.Request.QueryString.Value) : null;
        if (query is { Length: > 1 } && location.Contains('?'))
            query = string.Concat("&", query.AsSpan(1));
        response.Headers.Location = redirect.IsExternal
            ? string.Concat(location, query)
            : string.Concat(context.Request.PathBase.ToUriComponent(), location, query);
        response.Headers.CacheControl = _shortCacheControl;
        // A cross-origin fetch follows a redirect only when the redirect itself passes the CORS check.
        _cors.Write(response.Headers);
        return Empty(response, redirect.Status);
    }

    /// <summary>
    /// RFC 9110 §10.2.2: Location holds a URI reference, and §5.5 forbids controls in a field value. A query may arrive with
    /// bytes no URI has (a control, a space, DEL, non-ASCII): those are percent-encoded as UTF-8, the rest kept as sent.
    /// Allocates only for such a query.
    /// </summary>
    private static string? HeaderSafeQuery(string? query)
    {
        if (query is null || !query.AsSpan().ContainsAnyExceptInRange('!', '~'))
            return query;
        var escaped = new StringBuilder(query.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(query))
        {
            if (b is >= (byte)'!' and <= (byte)'~')
                escaped.Append((char)b);
            else
                escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return escaped.ToString();
    }

    private Task Health(HttpResponse response)
    {
        response.Headers.CacheControl = NoStore;
        return Empty(response, _holder.Current is null ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private Task MethodNotAllowed(HttpResponse response)
    {
        response.Headers.Allow = AllowedMethods;
        return Empty(response, StatusCodes.Status405MethodNotAllowed);
    }

    /// <summary>503 with Retry-After (RFC 9110 §10.2.3), never stored by a cache.</summary>
    private void ServiceUnavailable(HttpResponse response)
    {
        response.Headers.RetryAfter = _retryAfter;
        response.Headers.CacheControl = NoStore;
        Empty(response, StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>
    /// A miss. RFC 9111 §4.1: a shared cache matches a stored response to a request by the fields its Vary names, and a 404
    /// without Vary matches every request — so it carries <c>Vary: Accept-Encoding</c> like the 200 the path may have later,
    /// and a cache never hands a stored 404 to a client whose negotiated 200 it holds.
    /// </summary>
    private Task NotFound(HttpResponse response, ReadOnlySpan<char> path)
    {
        response.Headers.CacheControl = NotFoundCacheControl(path);
        response.Headers.Vary = Asset.AcceptEncodingVary;
        // A script that fetched cross-origin sees the 404 itself, not a CORS failure.
        _cors.Write(response.Headers);
        return Empty(response, StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// A 404 is cacheable by default (RFC 9111 §4.2.2), so it says for how long (NotFoundMaxAgeSeconds). A fingerprinted-looking name is never stored:
    /// it is most likely an asset of a release that another instance already serves, or that this one is about to, and a
    /// cached 404 would break every page that references it for its whole lifetime.
    /// </summary>
    private StringValues NotFoundCacheControl(ReadOnlySpan<char> path) =>
        CachePolicy.NameCarriesHash(path) ? NoStore : _notFoundCacheControl;

    private static Task Empty(HttpResponse response, int status)
    {
        response.StatusCode = status;
        response.ContentLength = 0;
        response.Headers.XContentTypeOptions = NoSniff;
        return Task.CompletedTask;
    }

    private static bool IsGetOrHead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
}
