using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ServeStatic.Testing;

/// <summary>
/// Runs the real <c>servestatic</c> tool (ServeStatic.Cli.dll, built next to the test assembly) as a process and captures
/// what it prints, read as one line of words. ServeStatic.Cli.Tests runs the same commands in its own process instead.
/// </summary>
internal sealed partial record CliProcess(int ExitCode, string Output, string Error)
{
    private static string Tool => Path.Combine(AppContext.BaseDirectory, "ServeStatic.Cli.dll");

    public static async Task<CliProcess> RunAsync(params string[] arguments)
    {
        var run = await ChildProcess.RunAsync(Environment.CurrentDirectory, "dotnet", [Tool, .. arguments], NoColor, timeout: null);
        return new CliProcess(run.ExitCode, Flatten(run.Output), Flatten(run.Error));
    }

    /// <summary>Starts a long-running command (<c>serve</c>); disposing it kills that process.</summary>
    public static Running Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[Tool, .. arguments])
            info.ArgumentList.Add(argument);
        NoColor(info.Environment);
        return new Running(Process.Start(info)!);
    }

    public sealed class Running : IAsyncDisposable
    {
        private readonly Process process;
        private readonly System.Text.StringBuilder _output = new();

        public Running(Process process)
        {
            this.process = process;
            DataReceivedEventHandler append = (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (_output)
                        _output.Append(e.Data).Append('\n');
                }
            };
            process.OutputDataReceived += append;
            process.ErrorDataReceived += append;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        /// <summary>What the process has written so far, its output and error lines as they came.</summary>
        public string Output
        {
            get
            {
                lock (_output)
                    return _output.ToString();
            }
        }

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

    private static void NoColor(IDictionary<string, string?> environment) => environment["NO_COLOR"] = "1";

    /// <summary>Console output wraps at the terminal width; tests read it as one line of words.</summary>
    private static string Flatten(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
