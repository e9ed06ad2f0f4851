using Microsoft.Extensions.Logging;

namespace ServeStatic.Sources;

/// <summary>Every log message of the release sources (the folder source, development mode's <see cref="SiteFolderSource"/>), in one place.</summary>
internal static partial class SourceLog
{
    [LoggerMessage(8, LogLevel.Warning, "Could not read previous release {ReleaseId} in {Source}: {Problem}; its fingerprinted assets are not kept")]
    public static partial void PreviousReleaseSkipped(this ILogger logger, string releaseId, string source, string problem);

    [LoggerMessage(9, LogLevel.Information, "Release {ReleaseId} from {Source} keeps {Kept} fingerprinted assets of {Previous} previous release(s) servable")]
    public static partial void PreviousAssetsKept(this ILogger logger, string releaseId, string source, int kept, int previous);

    [LoggerMessage(201, LogLevel.Warning, "Site folder {Folder} is gone (deleted or moved away); the last good build keeps serving until a folder is back at that path")]
    public static partial void SiteFolderGone(this ILogger logger, string folder);

    [LoggerMessage(202, LogLevel.Information, "Site folder {Folder} is back; watching it again and rebuilding")]
    public static partial void SiteFolderBack(this ILogger logger, string folder);

    [LoggerMessage(203, LogLevel.Warning, "Building {Folder}: {Warning}")]
    public static partial void BuildWarning(this ILogger logger, string folder, string warning);

    [LoggerMessage(204, LogLevel.Warning, "{Problem}; {Consequence}, and it is built again when a file in it changes")]
    public static partial void BuildFailed(this ILogger logger, string problem, string consequence);

    /// <summary>The failed build's exception, for diagnostics: the warning above words it whole, so a console shows no trace.</summary>
    [LoggerMessage(205, LogLevel.Debug, "The build of the site folder failed")]
    public static partial void BuildFailedDetail(this ILogger logger, Exception exception);
}
