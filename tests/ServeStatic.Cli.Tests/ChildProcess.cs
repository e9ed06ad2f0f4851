using System.Diagnostics;

namespace ServeStatic.Cli.Tests;

/// <summary>One run of a real program as a child process: its command line, exit code and what it printed.</summary>
internal sealed record ChildProcess(string CommandLine, int ExitCode, string Output, string Error)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<ChildProcess> RunAsync(string workingDirectory, string program, params string[] arguments)
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
        var commandLine = string.Join(' ', [program, .. arguments]);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start `{commandLine}`");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{commandLine}` did not finish within {Timeout}");
        }
        return new ChildProcess(commandLine, process.ExitCode, await output, await error);
    }

    /// <summary>This run, or an exception carrying everything it printed when it failed.</summary>
    public ChildProcess EnsureSucceeded() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"`{CommandLine}` exited with {ExitCode}:\n{Output}\n{Error}");
}
