using ServeStatic.Cli;

return await Commands.Root().Parse(args).InvokeAsync();
