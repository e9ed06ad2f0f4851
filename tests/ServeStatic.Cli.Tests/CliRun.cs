using System.CommandLine;

namespace ServeStatic.Cli.Tests;

/// <summary>Runs the servestatic tool in this process, exactly as Program.cs assembles it, capturing what it writes.</summary>
internal static class CliRun
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static async Task<Outcome> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Commands.Root().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new Outcome(exitCode, output.ToString(), error.ToString());
    }
}
