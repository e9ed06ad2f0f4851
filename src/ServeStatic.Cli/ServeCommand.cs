using System.CommandLine;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServeStatic.Build;
using ServeStatic.Index;
using ServeStatic.Serving;
using ServeStatic.Sources;

namespace ServeStatic.Cli;

/// <summary>
/// <c>servestatic serve &lt;path&gt; [--urls http://127.0.0.1:8080]</c>: serves a release folder (<see cref="FolderReleaseStore.IsReleaseFolder"/>) from
/// disk, or a plain site folder built into a scratch folder and rebuilt when its files change (development mode).
/// <c>servestatic serve --container-url URL</c> or <c>--connection-string CS --container NAME</c> serves the releases of a blob
/// container instead, switching when <c>current</c> changes.
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>ASP.NET Core hosting's per-request logger category.</summary>
    internal const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>The generic host's own logger category (start, stop, a failed start).</summary>
    private const string HostLifetime = "Microsoft.Extensions.Hosting.Internal.Host";

    public static Command Create()
    {
        var path = new Argument<string?>("path") { Description = "A release folder (made by servestatic build) or a plain site folder; omitted with a container.", Arity = ArgumentArity.ZeroOrOne };
        var urls = new Option<string>("--urls") { Description = "Where to listen, ';'-separated: http://127.0.0.1:8080;http://[::1]:8080.", DefaultValueFactory = _ => DefaultUrls };
        urls.Validators.Add(result =>
        {
            if (UrlsProblem(result.GetValueOrDefault<string>()) is { } problem)
                result.AddError(problem);
        });
        var dictionaries = new Option<bool>("--dictionary-transport") { Description = "Offer compressible files as dictionaries (Use-As-Dictionary) and send the release's dcz deltas to clients that hold an earlier version (docs/dictionary-transport.md). Off by default: turn it on only where no shared cache ignores Available-Dictionary." };
        var container = new ContainerOptions();
        var command = new Command("serve", "Serve a release folder, a site folder in development mode, or a blob container's releases over HTTP.") { path, urls, dictionaries };
        container.AddTo(command, optional: true);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(path) is null) == (result.GetValue(container.ContainerUrl) is null && result.GetValue(container.ConnectionString) is null))
                result.AddError("Give a folder to serve, or a container (--container-url, or --connection-string with --container), not both.");
        });
        command.SetAction((parseResult, cancellationToken) => parseResult.GetValue(path) is { } folder
            ? RunAsync(parseResult, folder, parseResult.GetRequiredValue(urls), parseResult.GetValue(dictionaries), cancellationToken)
            : RunFromContainerAsync(parseResult, container, parseResult.GetRequiredValue(urls), parseResult.GetValue(dictionaries), cancellationToken));
        return command;
    }

    /// <summary>Serves through the blob source, as the Functions app does with <c>ServeStatic:Source = Blob</c>.</summary>
    private static Task<int> RunFromContainerAsync(ParseResult parseResult, ContainerOptions container, string urls, bool dictionaryTransport, CancellationToken cancellationToken) =>
        HostAsync(parseResult, urls, container.Describe(parseResult), services =>
        {
            services.AddServeStatic(options => options.DictionaryTransport = dictionaryTransport);
            services.AddServeStaticBlobStorage(options => container.ApplyTo(parseResult, options));
        }, cancellationToken);

    private static async Task<int> RunAsync(ParseResult parseResult, string path, string urls, bool dictionaryTransport, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var folder = Path.GetFullPath(path);
        if (!Directory.Exists(folder))
            return CliConsole.Fail(parseResult, $"{folder}: no such folder");
        var isRelease = FolderReleaseStore.IsReleaseFolder(folder);
        Func<IServiceProvider, IReleaseSource> source = isRelease
            // A release folder may get a new release from servestatic build while it is served.
            ? services => new FolderSource(folder, pollInterval: TimeSpan.FromSeconds(1), logger: services.GetRequiredService<ILogger<FolderSource>>())
            : services => new SiteFolderSource(new BuildOptions(folder), services.GetRequiredService<ILogger<SiteFolderSource>>());

        if (!isRelease)
            await output.WriteLineAsync($"development mode: {folder} is built into a scratch folder under {Path.GetTempPath()} and rebuilt when a file changes; use servestatic build for a release");
        return await HostAsync(parseResult, urls, folder, services =>
        {
            services.AddSingleton<IReleaseSource>(source);
            services.AddServeStatic(options =>
            {
                options.DictionaryTransport = dictionaryTransport;
                // In development a browser should see an edit at once: revalidate every time (the ETag makes that cheap).
                if (!isRelease)
                    options.MaxAgeSeconds = 0;
            });
        }, cancellationToken);
    }

    /// <summary>Why <paramref name="urls"/> cannot be listened on, as Kestrel reads it, or null when it can.</summary>
    private static string? UrlsProblem(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                return $"--urls: '{url}' is not an address to listen on (http://127.0.0.1:8080)";
            }
            if (address.Scheme != "http")
                return $"--urls: '{url}': servestatic serve listens on http:// only (for https, put a proxy in front)";
            if (address.Port is < 0 or > 65535)
                return $"--urls: '{url}': the port {address.Port} is not between 0 and 65535";
        }
        return urls is null || urls.Trim(' ', ';').Length == 0 ? "--urls: give at least one address (http://127.0.0.1:8080)" : null;
    }

    private static async Task<int> HostAsync(ParseResult parseResult, string urls, string where, Action<IServiceCollection> addServeStatic, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(urls).ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Logging.ClearProviders().AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter("Microsoft", LogLevel.Warning).AddFilter("ServeStatic", LogLevel.Information)
            // While any level of this category is on, hosting starts an Activity and a log scope for every request (5 % fewer
            // requests a second on a small file, bench/README.md); it logs nothing but Information-level request lines.
            .AddFilter(HostingDiagnostics, LogLevel.None)
            // The host logs a failed start with its stack trace; the failure is reported below as one line.
            .AddFilter(HostLifetime, LogLevel.Critical);
        addServeStatic(builder.Services);
        await using var app = builder.Build();
        // The whole app is the responder: no routing in front of it.
        app.Run(app.Services.GetRequiredService<ServeStaticResponder>().RespondAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // Kestrel's bind failures: an address in use, or not one of this machine's.
            return CliConsole.Fail(parseResult, $"--urls {urls}: {e.Message}");
        }
        var release = app.Services.GetRequiredService<ReleaseHolder>().Current;
        var at = string.Join(' ', app.Urls);
        await output.WriteLineAsync(release is null
            ? $"serving {where} at {at}: no release loaded yet (see the log), answering 503 until one is; Ctrl-C to stop"
            : $"serving release {release.ReleaseId} ({release.AssetCount} assets) from {where} at {at}; Ctrl-C to stop");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
