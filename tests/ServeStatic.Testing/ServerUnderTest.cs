using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServeStatic.Serving;

namespace ServeStatic.Testing;

/// <summary>How the responder is put into the test app.</summary>
public enum Hosting
{
    /// <summary><c>app.MapServeStatic()</c>.</summary>
    Endpoint,

    /// <summary><c>app.UseServeStatic()</c> in front of an app that answers "from the app".</summary>
    Middleware,

    /// <summary><c>app.Run(responder.RespondAsync)</c>, as the Functions app hands over a context.</summary>
    RespondAsync,
}

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, serving a release folder.</summary>
internal sealed class ServerUnderTest : IAsyncDisposable
{
    public const string FromTheApp = "from the app";

    private readonly WebApplication _app;

    private ServerUnderTest(WebApplication app, CollectedLogs logs)
    {
        _app = app;
        Logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address);
        Client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false }) { BaseAddress = Address };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public CollectedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<ServerUnderTest> StartAsync(string releaseFolder, Action<ServeStaticOptions>? configure = null, Hosting hosting = Hosting.Endpoint) =>
        StartAsync(services => services.AddServeStatic(options =>
        {
            options.Folder.Path = releaseFolder;
            configure?.Invoke(options);
        }), hosting);

    /// <param name="environment">The host's environment name (Development turns on development mode); null for the default, Production.</param>
    /// <param name="contentRoot">The app's content root, whose <c>wwwroot</c> is its web root; null for the current folder.</param>
    public static async Task<ServerUnderTest> StartAsync(Action<IServiceCollection> addServeStatic, Hosting hosting = Hosting.Endpoint,
        IDictionary<string, string?>? configuration = null, string? environment = null, string? contentRoot = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = environment, ContentRootPath = contentRoot });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var logs = new CollectedLogs();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        if (configuration is not null)
            builder.Configuration.AddInMemoryCollection(configuration);
        addServeStatic(builder.Services);
        var app = builder.Build();
        switch (hosting)
        {
            case Hosting.Endpoint:
                app.MapServeStatic();
                break;
            case Hosting.Middleware:
                app.UseServeStatic();
                app.Run(context => context.Response.WriteAsync(FromTheApp));
                break;
            case Hosting.RespondAsync:
                app.Run(app.Services.GetRequiredService<ServeStaticResponder>().RespondAsync);
                break;
        }
        await app.StartAsync();
        return new ServerUnderTest(app, logs);
    }

    public Task<HttpResponseMessage> GetAsync(string path, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Get, path, headers);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, params (string Name, string Value)[] headers) =>
        Client.SendAsync(method, path, headers);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
