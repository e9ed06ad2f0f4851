using Microsoft.Extensions.Logging;

namespace ServeStatic.Azure;

/// <summary>Every log message of the blob source, in one place.</summary>
internal static partial class BlobLog
{
    [LoggerMessage(101, LogLevel.Warning, "Blob storage is unreachable at start-up ({Container}): {Problem}; trying again in {Seconds} s")]
    public static partial void UnreachableAtStart(this ILogger logger, string container, string problem, double seconds);

    [LoggerMessage(102, LogLevel.Error, "Refused release {ReleaseId} from {Container}: {Problem}; the release being served keeps serving")]
    public static partial void IndexRefused(this ILogger logger, string releaseId, string container, string problem);

    [LoggerMessage(104, LogLevel.Warning, "Could not check 'current' in {Container}: {Problem}; the loaded release keeps serving")]
    public static partial void WatchFailed(this ILogger logger, string container, string problem);

    [LoggerMessage(105, LogLevel.Error, "content/{Key} in {Container} does not match its SHA-256 ({Expected}); it is not served")]
    public static partial void ContentTampered(this ILogger logger, string key, string container, string expected);

    [LoggerMessage(107, LogLevel.Information, "{Container} has no current release yet; serving the packaged release {ReleaseId} from {Folder} until one is activated there")]
    public static partial void ServingPackagedRelease(this ILogger logger, string container, string releaseId, string folder);
}
