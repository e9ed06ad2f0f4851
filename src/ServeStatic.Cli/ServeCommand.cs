using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServeStatic.Build;
using ServeStatic.Serving;
using ServeStatic.Sources;

namespace ServeStatic.Cli;

/// <summary>
/// <c>servestatic serve &lt;path&gt; [--urls http://127.0.0.1:8080]</c>: serves a release folder (one holding <c>current</c>) from
/// disk, or a plain site folder built in memory and rebuilt when its files change (development mode).
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A release folder (made by servestatic build) or a plain site folder." };
        var urls = new Option<string>("--urls") { Description = "Where to listen, ';'-separated.", DefaultValueFactory = _ => DefaultUrls };
        var command = new Command("serve", "Serve a release folder, or a site folder in development mode, over HTTP.") { path, urls };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult, parseResult.GetRequiredValue(path), parseResult.GetRequiredValue(urls), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, string path, string urls, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var folder = Path.GetFullPath(path);
        if (!Directory.Exists(folder))
            return CliConsole.Fail(parseResult, $"{folder}: no such folder");
        var isRelease = FolderSource.IsReleaseFolder(folder);
        IReleaseSource source = isRelease
            // A release folder may get a new release from servestatic build while it is served.
            ? new FolderSource(folder, pollInterval: TimeSpan.FromSeconds(1))
            : new SiteFolderSource(new BuildOptions(folder));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(urls).ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Logging.ClearProviders().AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter("Microsoft", LogLevel.Warning).AddFilter("ServeStatic", LogLevel.Information);
        builder.Services.AddSingleton(source);
        builder.Services.AddServeStatic(options =>
        {
            // In development a browser should see an edit at once: revalidate every time (the ETag makes that cheap).
            if (!isRelease)
                options.MaxAgeSeconds = 0;
        });
        await using var app = builder.Build();
        // The whole app is the responder: no routing in front of it.
        app.Run(app.Services.GetRequiredService<ServeStaticResponder>().RespondAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            return CliConsole.Fail(parseResult, $"{urls}: {e.Message}");
        }
        var release = app.Services.GetRequiredService<ReleaseHolder>().Current;
        if (!isRelease)
            await output.WriteLineAsync($"development mode: {folder} is built in memory and rebuilt when a file changes; use servestatic build for a release");
        await output.WriteLineAsync(release is null
            ? $"serving {folder} at {string.Join(' ', app.Urls)}: no release loaded yet (see the log); answering 503 until one is"
            : $"serving release {release.ReleaseId} ({release.AssetCount} assets) from {folder} at {string.Join(' ', app.Urls)}");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
