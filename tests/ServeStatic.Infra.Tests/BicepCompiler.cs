using System.Text.RegularExpressions;

namespace ServeStatic.Infra.Tests;

/// <summary>One run of the real Bicep CLI: the command line, its exit code and everything it printed.</summary>
public sealed partial record BicepRun(string CommandLine, int ExitCode, string Output)
{
    /// <summary>Diagnostic lines (`file(line,col) : Warning code: message`), whatever their level.</summary>
    public IReadOnlyList<string> Diagnostics =>
        Output.Split('\n').Where(line => DiagnosticLine().IsMatch(line)).Select(line => line.TrimEnd()).ToList();

    public BicepRun EnsureSucceeded() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"`{CommandLine}` failed with exit code {ExitCode}:\n{Output}");

    [GeneratedRegex(@"\) : (Error|Warning|Info) ")]
    private static partial Regex DiagnosticLine();
}

/// <summary>Runs the Bicep CLI restored from the Azure.Bicep.CommandLine.linux-x64 package.</summary>
internal static class BicepCompiler
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static BicepRun Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>As above, with <paramref name="environment"/> added to the compiler's environment (after the SERVESTATIC_* variables are removed).</summary>
    public static BicepRun Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var executable = InfraPaths.BicepExecutable;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"The Bicep compiler is missing at {executable}. It comes from the NuGet package Azure.Bicep.CommandLine.linux-x64, restored by tests/ServeStatic.Infra.Tests.");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(executable) & UnixFileMode.UserExecute) == 0)
        {
            throw new InvalidOperationException(
                $"The Bicep compiler at {executable} is not executable; the MakeBicepExecutable target of ServeStatic.Infra.Tests.csproj sets the bit on every build.");
        }

        // The parameters file reads SERVESTATIC_* variables: compile with its defaults, whatever the shell has.
        var run = ChildProcess.RunAsync(workingDirectory, executable, arguments, variables =>
        {
            foreach (var name in variables.Keys.Where(key => key.StartsWith("SERVESTATIC_", StringComparison.Ordinal)).ToList())
                variables.Remove(name);
            foreach (var (name, value) in environment)
                variables[name] = value;
        }, Timeout).GetAwaiter().GetResult();
        return new BicepRun($"bicep {string.Join(' ', arguments)}", run.ExitCode, run.Output + run.Error);
    }
}
