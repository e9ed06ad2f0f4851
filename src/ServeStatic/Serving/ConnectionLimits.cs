using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ServeStatic.Serving;

/// <summary>
/// Kestrel limits for a static origin that may face a flood of idle or slow connections (docs/connections.md). Kestrel's
/// defaults accept connections until the process runs out of file descriptors, after which no file can be opened and
/// nothing is answered. <see cref="Apply"/> fills in only what the app left at Kestrel's default, so settings made in
/// code or configuration (<c>Kestrel:Limits:…</c>) win.
/// </summary>
internal sealed class ConnectionLimits : IPostConfigureOptions<KestrelServerOptions>
{
    /// <summary>How long a connection may take to send a request's headers (Kestrel: 30 s): enough for any real client.</summary>
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Descriptors kept for everything but connections: content files being sent, logs, the runtime's own.</summary>
    public const int ReservedDescriptors = 256;

    private static readonly KestrelServerLimits KestrelDefaults = new();

    /// <summary>After the app's own configuration: every limit it did not set.</summary>
    public void PostConfigure(string? name, KestrelServerOptions options) => Apply(options.Limits, OpenFilesLimit());

    /// <summary>
    /// Caps concurrent connections at half of what the descriptor limit leaves after <see cref="ReservedDescriptors"/>
    /// (a connection sending a file holds two), and shortens the time a connection may take to send its headers.
    /// The keep-alive timeout stays Kestrel's (130 s): longer than the idle timeout of the CDNs and load balancers in front,
    /// so the origin is never the side that closes a connection they are about to reuse.
    /// </summary>
    /// <param name="openFiles">The process's limit on open files, or null where it is not known.</param>
    public static void Apply(KestrelServerLimits limits, long? openFiles)
    {
        if (limits.MaxConcurrentConnections is null && openFiles is { } files)
            limits.MaxConcurrentConnections = MaxConnectionsFor(files);
        if (limits.RequestHeadersTimeout == KestrelDefaults.RequestHeadersTimeout)
            limits.RequestHeadersTimeout = RequestHeadersTimeout;
    }

    /// <summary>The connection cap for a descriptor limit: never below 64, so a tiny limit still serves.</summary>
    public static long MaxConnectionsFor(long openFiles) => Math.Max(64, (openFiles - ReservedDescriptors) / 2);

    /// <summary>The soft limit on open files (the .NET runtime raises it to the hard limit at start), from Linux's <c>/proc/self/limits</c>.</summary>
    public static long? OpenFilesLimit()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal))
                    continue;
                var soft = line["Max open files".Length..].TrimStart().Split(' ', 2)[0];
                return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux (no /proc), or not readable: leave Kestrel's default.
        }
        return null;
    }
}
