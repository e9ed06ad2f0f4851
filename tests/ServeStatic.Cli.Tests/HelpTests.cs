namespace ServeStatic.Cli.Tests;

/// <summary>Help and usage name the command users type, <c>servestatic</c>, never the assembly.</summary>
public class HelpTests
{
    [Fact]
    public async Task Root_help_names_servestatic()
    {
        var run = await CliRun.RunAsync("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:\n  servestatic [command] [options]\n", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ServeStatic.Cli", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subcommand_help_names_servestatic()
    {
        var run = await CliRun.RunAsync("inspect", "-h");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:\n  servestatic inspect <release-dir> [options]\n", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ServeStatic.Cli", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_after_a_parse_error_names_servestatic()
    {
        var run = await CliRun.RunAsync("releases", "bogus");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Unrecognized command or argument 'bogus'.", run.Error, StringComparison.Ordinal);
        Assert.Contains("Usage:\n  servestatic releases [command] [options]\n", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ServeStatic.Cli", run.Output + run.Error, StringComparison.Ordinal);
    }
}
