using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ServeStatic.Azure.Tests;

/// <summary>Runs the real <c>servestatic</c> tool (built next to the tests) as a process and captures what it prints.</summary>
public sealed partial record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new CliRun(process.ExitCode, Flatten(await output), Flatten(await error));
    }

    /// <summary>Starts a long-running command (<c>serve</c>); disposing it kills that process.</summary>
    public static Running Start(params string[] arguments)
    {
        var info = StartInfo(arguments);
        info.RedirectStandardOutput = false;
        info.RedirectStandardError = false;
        return new Running(Process.Start(info)!);
    }

    public sealed class Running(Process process) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
    }

    private static ProcessStartInfo StartInfo(string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ServeStatic.Cli.dll"));
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["NO_COLOR"] = "1";
        return info;
    }

    /// <summary>Console output wraps at the terminal width; tests read it as one line of words.</summary>
    private static string Flatten(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
