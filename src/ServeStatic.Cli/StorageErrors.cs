using System.CommandLine;
using ServeStatic.Azure;
using ServeStatic.Index;

namespace ServeStatic.Cli;

/// <summary>
/// Runs a container command: the errors a person can act on (the container unreachable, missing or refusing access, a
/// lost race, an unusable release folder) become one <c>error:</c> line and exit code 1; anything else is a bug and keeps its stack trace.
/// </summary>
internal static class StorageErrors
{
    public static async Task<int> RunAsync(ParseResult parseResult, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is ReleaseStorageException or InvalidReleaseException)
        {
            return CliConsole.Fail(parseResult, e.Message);
        }
    }
}
