using ServeStatic.Cli;

return await Commands.Root().Parse(args).InvokeAsync();

// The tool exposes no API: without this declaration ASP.NET Core's generator makes the top-level Program public.
internal partial class Program;
