using System.CommandLine;
using System.CommandLine.Help;

namespace ServeStatic.Cli;

/// <summary>The tool's command tree: the root and every subcommand, one file each.</summary>
internal static class Commands
{
    /// <summary>The name users type, as the csproj's ToolCommandName installs it.</summary>
    public const string ToolName = "servestatic";

    /// <summary>
    /// The root command, named <see cref="ToolName"/> in help and usage. Not a <see cref="RootCommand"/>: in
    /// System.CommandLine 2.0 that takes its name from the running assembly (ServeStatic.Cli) and cannot be renamed,
    /// so the root is a plain command carrying the same help and version options.
    /// </summary>
    public static Command Root()
    {
        var root = new Command(ToolName, "servestatic: build, serve, inspect, publish and switch static-site releases.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        foreach (var command in All())
            root.Subcommands.Add(command);
        return root;
    }

    private static IEnumerable<Command> All() => [
        BuildCommand.Create(),
        InspectCommand.Create(),
        ServeCommand.Create(),
        PublishCommand.Create(),
        ReleasesCommand.Create(),
    ];
}
