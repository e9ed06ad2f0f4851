using Microsoft.Extensions.Logging;

namespace ServeStatic.Sources;

/// <summary>Every log message of development mode (<see cref="SiteFolderSource"/>), in one place.</summary>
internal static partial class SiteFolderLog
{
    [LoggerMessage(201, LogLevel.Warning, "Site folder {Folder} is gone (deleted or moved away); the last good build keeps serving until a folder is back at that path")]
    public static partial void SiteFolderGone(this ILogger logger, string folder);

    [LoggerMessage(202, LogLevel.Information, "Site folder {Folder} is back; watching it again and rebuilding")]
    public static partial void SiteFolderBack(this ILogger logger, string folder);

    [LoggerMessage(203, LogLevel.Warning, "Building {Folder}: {Warning}")]
    public static partial void BuildWarning(this ILogger logger, string folder, string warning);
}
