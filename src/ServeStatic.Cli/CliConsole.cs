using System.CommandLine;
using Spectre.Console;

namespace ServeStatic.Cli;

/// <summary>The console a command writes to: a live terminal (colours, progress bar) or redirected output (plain text).</summary>
internal static class CliConsole
{
    /// <summary>Width used when the output is not a terminal: wide enough that a table row never wraps in a log.</summary>
    private const int RedirectedWidth = 400;

    /// <summary>True when <paramref name="writer"/> is a terminal a progress bar can redraw.</summary>
    public static bool IsTerminal(TextWriter writer) => ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;

    public static IAnsiConsole For(ParseResult parseResult)
    {
        var writer = parseResult.InvocationConfiguration.Output;
        var terminal = IsTerminal(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
            console.Profile.Width = RedirectedWidth;
        return console;
    }

    /// <summary>Writes <c>error: where: problem</c> to the error output and returns the exit code for failure.</summary>
    public static int Fail(ParseResult parseResult, string message)
    {
        parseResult.InvocationConfiguration.Error.WriteLine("error: " + message);
        return 1;
    }

    /// <summary>Writes <c>interrupted: what was kept</c> to the error output and returns <see cref="Interruption.ExitCode"/>.</summary>
    public static int Interrupted(ParseResult parseResult, string kept)
    {
        parseResult.InvocationConfiguration.Error.WriteLine("interrupted: " + kept);
        return Interruption.ExitCode;
    }
}
