using Microsoft.Extensions.Logging;

namespace ServeStatic.Serving;

/// <summary>Every log message of the serving side, in one place.</summary>
internal static partial class LoggerExtensions
{
    [LoggerMessage(1, LogLevel.Information, "Serving release {ReleaseId} ({AssetCount} assets) from {Source}, loaded in {LoadMilliseconds} ms")]
    public static partial void ReleaseLoaded(this ILogger logger, string releaseId, int assetCount, string source, long loadMilliseconds);

    [LoggerMessage(2, LogLevel.Error, "Could not load the current release from {Source}; {Consequence}")]
    public static partial void ReleaseLoadFailed(this ILogger logger, Exception exception, string source, string consequence);

    /// <summary>The same failure as the last attempt's: its message again, without the exception's trace each retry.</summary>
    [LoggerMessage(14, LogLevel.Error, "Still could not load the current release from {Source}: {Problem}; {Consequence}")]
    public static partial void ReleaseLoadStillFailing(this ILogger logger, string source, string problem, string consequence);

    [LoggerMessage(3, LogLevel.Warning, "Could not watch {Source} for a new release; trying again in {Seconds} s")]
    public static partial void WatchFailed(this ILogger logger, Exception exception, string source, int seconds);

    [LoggerMessage(4, LogLevel.Warning, "No release loaded after {Seconds} s; answering 503 until one is")]
    public static partial void NoReleaseYet(this ILogger logger, int seconds);

    [LoggerMessage(5, LogLevel.Debug, "The client went away while {Path} was being sent")]
    public static partial void ClientDisconnected(this ILogger logger, string path);

    [LoggerMessage(6, LogLevel.Warning, "The content of {Path} is unavailable; answered 503")]
    public static partial void ContentUnavailable(this ILogger logger, Exception exception, string path);

    [LoggerMessage(7, LogLevel.Warning, "The content of {Path} became unavailable after the response had started; the connection was aborted")]
    public static partial void ContentUnavailableMidBody(this ILogger logger, Exception exception, string path);

    [LoggerMessage(10, LogLevel.Information, "Release {ReleaseId}: {BodyCount} small bodies ({Bytes} bytes) held in memory in {HoldMilliseconds} ms")]
    public static partial void BodiesHeld(this ILogger logger, string releaseId, int bodyCount, long bytes, long holdMilliseconds);

    [LoggerMessage(11, LogLevel.Warning, "Release {ReleaseId}: {FailedCount} small bodies were not held in memory: ones the store could not supply are streamed, ones that do not match the index answer 503; the first error follows")]
    public static partial void BodiesNotHeld(this ILogger logger, Exception exception, string releaseId, int failedCount);

    [LoggerMessage(12, LogLevel.Debug, "The stored bytes of {Path} do not match the release's index; answered 503")]
    public static partial void ContentRefused(this ILogger logger, string path);

    [LoggerMessage(13, LogLevel.Information, "Development mode: serving the site folder {Folder} live, built into a scratch folder and rebuilt when a file changes; outside the Development environment a release is needed (servestatic build)")]
    public static partial void DevelopmentMode(this ILogger logger, string folder);
}
