using System.CommandLine;

namespace ServeStatic.Cli.Tests;

/// <summary>Runs the servestatic tool in this process, exactly as Program.cs assembles it, capturing what it writes.</summary>
internal static class CliRun
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static Task<Outcome> RunAsync(params string[] args) => Start(args).Completion;

    /// <summary>Starts the tool without waiting for it, so what it writes can be read while it runs.</summary>
    public static Running Start(params string[] args) => new(args);

    public sealed class Running
    {
        private readonly StringWriter _output = new();
        private readonly StringWriter _error = new();
        private readonly TextWriter _syncOutput;
        private readonly TextWriter _syncError;

        public Running(string[] args)
        {
            // Synchronized writers lock themselves for each write, so a reader holding the same lock sees whole writes.
            _syncOutput = TextWriter.Synchronized(_output);
            _syncError = TextWriter.Synchronized(_error);
            Completion = RunAsync(args);
        }

        public Task<Outcome> Completion { get; }

        /// <summary>What the tool has written to its output so far.</summary>
        public string OutputSoFar
        {
            get
            {
                lock (_syncOutput)
                    return _output.ToString();
            }
        }

        private async Task<Outcome> RunAsync(string[] args)
        {
            await Task.Yield();
            var exitCode = await Commands.Root().Parse(args).InvokeAsync(new InvocationConfiguration { Output = _syncOutput, Error = _syncError });
            lock (_syncOutput)
            {
                lock (_syncError)
                    return new Outcome(exitCode, _output.ToString(), _error.ToString());
            }
        }
    }
}
