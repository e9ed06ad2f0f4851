using System.CommandLine;
using ServeStatic.Cli;

using var interruption = new Interruption();
return await Commands.Root().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, interruption.Token);

// The tool exposes no API: without this declaration ASP.NET Core's generator makes the top-level Program public.
internal partial class Program;
