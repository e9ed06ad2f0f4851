using System.CommandLine;
using ServeStatic.Cli;

var root = new RootCommand("servestatic: build, serve, inspect, publish and switch static-site releases.");
foreach (var command in Commands.All())
    root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
