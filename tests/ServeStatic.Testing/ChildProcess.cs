using System.Diagnostics;

namespace ServeStatic.Testing;

/// <summary>
/// One run of a real program as a child process: its command line, exit code and what it printed.
/// </summary>
internal sealed record ChildProcess(string CommandLine, int ExitCode, string Output, string Error)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static Task<ChildProcess> RunAsync(string workingDirectory, string program, params string[] arguments) =>
        RunAsync(workingDirectory, program, arguments, environment: null, timeout: null);

    /// <param name="environment">Changes to the inherited environment, made before the start.</param>
    /// <param name="timeout">How long the run may take (2 minutes unless given); then the process tree is killed.</param>
    public static async Task<ChildProcess> RunAsync(string workingDirectory, string program, IEnumerable<string> arguments,
        Action<IDictionary<string, string?>>? environment, TimeSpan? timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        environment?.Invoke(start.Environment);
        var commandLine = string.Join(' ', [program, .. start.ArgumentList]);
        var limit = timeout ?? DefaultTimeout;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start `{commandLine}`");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{commandLine}` did not finish within {limit}:\n{await output}\n{await error}");
        }
        return new ChildProcess(commandLine, process.ExitCode, await output, await error);
    }

    /// <summary>This run, or an exception carrying everything it printed when it failed.</summary>
    public ChildProcess EnsureSucceeded() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"`{CommandLine}` exited with {ExitCode}:\n{Output}\n{Error}");
}
