using System.CommandLine;

namespace ServeStatic.Cli;

/// <summary>Every subcommand of the tool, one file each.</summary>
internal static class Commands
{
    public static IEnumerable<Command> All() => [
        BuildCommand.Create(),
        InspectCommand.Create(),
        ServeCommand.Create(),
        PublishCommand.Create(),
        ReleasesCommand.Create(),
    ];
}
