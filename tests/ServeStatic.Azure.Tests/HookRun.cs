namespace ServeStatic.Azure.Tests;

/// <summary>
/// One run of <c>scripts/publish-release.sh</c> (azure.yaml's postdeploy hook) as a real process, as azd starts it: on Linux
/// and macOS the file itself (its shebang), on Windows <c>bash</c> with the file. Only the variables a test names reach it
/// (besides the machine's own, less every <c>SERVESTATIC_</c> and <c>RELEASE_</c> one and MSBuild's site folder property).
/// </summary>
public sealed record HookRun(int ExitCode, string Output, string Error)
{
    public const string Script = "scripts/publish-release.sh";

    /// <summary>The first build of the app's release in a configuration restores and builds the app's projects.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<HookRun> RunAsync(IReadOnlyDictionary<string, string> environment, string? shell = null)
    {
        var script = Path.Combine(Repository.Root, Script);
        var run = await ChildProcess.RunAsync(Repository.Root, shell ?? script, shell is null ? [] : [script], variables =>
        {
            foreach (var name in variables.Keys.Where(Inherited).ToList())
                variables.Remove(name);
            foreach (var (name, value) in environment)
                variables[name] = value;
        }, Timeout);
        return new HookRun(run.ExitCode, run.Output.Trim(), run.Error.Trim());
    }

    private static bool Inherited(string name) =>
        name.StartsWith("SERVESTATIC_", StringComparison.Ordinal) || name.StartsWith("RELEASE_", StringComparison.Ordinal)
        || name.Equals("ServeStaticSiteFolder", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
