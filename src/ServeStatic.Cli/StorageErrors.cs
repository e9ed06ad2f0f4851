using ServeStatic.Azure;
using ServeStatic.Index;

namespace ServeStatic.Cli;

/// <summary>Turns the errors a person can act on into one red line on stderr and exit code 1; anything else is a bug and keeps its stack trace.</summary>
internal static class StorageErrors
{
    public const int Failed = 1;

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is ReleaseStorageException or InvalidReleaseException or ArgumentException)
        {
            // Plain text: a console width must not wrap a message that scripts grep.
            await Console.Error.WriteLineAsync("error: " + e.Message);
            return Failed;
        }
    }
}
