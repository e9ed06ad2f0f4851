using System.Diagnostics;
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

        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The parameters file reads SERVESTATIC_* variables: compile with its defaults, whatever the shell has.
        foreach (var name in start.Environment.Keys.Where(key => key.StartsWith("SERVESTATIC_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`bicep {string.Join(' ', arguments)}` did not finish within {Timeout}.");
        }

        return new BicepRun($"bicep {string.Join(' ', arguments)}", process.ExitCode, standardOutput.Result + standardError.Result);
    }
}
