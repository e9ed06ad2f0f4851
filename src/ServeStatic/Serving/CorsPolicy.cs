using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ServeStatic.Serving;

/// <summary>
/// Cross-origin access to the release (Fetch standard, "CORS protocol"), from <see cref="ServeStaticOptions.AccessControlAllowOrigin"/>:
/// the headers every response about a path carries, whatever its status (a 304 without them breaks cross-origin fonts and
/// media behind a cache), and the answer to a preflight. An empty origin turns all of it off, preflights included.
/// </summary>
internal sealed class CorsPolicy
{
    /// <summary>What a static client sends cross-origin that is not CORS-safelisted: ranges and validators.</summary>
    private static readonly StringValues AllowedRequestHeaders = "Range, If-None-Match, If-Modified-Since, If-Range";

    /// <summary>Response headers scripts may read besides the safelisted ones: what a ranged or revalidating client needs.</summary>
    private static readonly StringValues ExposedHeaders = "Content-Range, Content-Length, ETag";

    private static readonly StringValues AllowedMethods = "GET, HEAD";

    /// <summary>How long a browser may reuse a preflight's answer, in seconds (Chromium caps it at 2 hours).</summary>
    public const int PreflightMaxAgeSeconds = 7200;

    private static readonly StringValues PreflightMaxAge = PreflightMaxAgeSeconds.ToString(CultureInfo.InvariantCulture);

    private readonly StringValues _allowOrigin;

    public CorsPolicy(ServeStaticOptions options) =>
        _allowOrigin = string.IsNullOrEmpty(options.AccessControlAllowOrigin) ? StringValues.Empty : options.AccessControlAllowOrigin;

    /// <summary>The <c>Access-Control-Allow-Origin</c> every response carries; empty when CORS is off.</summary>
    public StringValues AllowOrigin => _allowOrigin;

    /// <summary>A preflight: <c>OPTIONS</c> with <c>Origin</c> and <c>Access-Control-Request-Method</c>, while CORS is on.</summary>
    public bool IsPreflight(HttpRequest request) =>
        _allowOrigin.Count > 0 && HttpMethods.IsOptions(request.Method)
        && request.Headers.Origin.Count > 0 && request.Headers.AccessControlRequestMethod.Count > 0;

    /// <summary>The headers of any response about a path: the allowed origin and the exposed headers.</summary>
    public void Write(IHeaderDictionary headers)
    {
        if (_allowOrigin.Count == 0)
            return;
        headers.AccessControlAllowOrigin = _allowOrigin;
        headers.AccessControlExposeHeaders = ExposedHeaders;
    }

    /// <summary>204 to a preflight: the methods and request headers a static client may use, and for how long to remember it.</summary>
    public Task Preflight(HttpResponse response)
    {
        var headers = response.Headers;
        headers.AccessControlAllowOrigin = _allowOrigin;
        headers.AccessControlAllowMethods = AllowedMethods;
        headers.AccessControlAllowHeaders = AllowedRequestHeaders;
        headers.AccessControlMaxAge = PreflightMaxAge;
        response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
