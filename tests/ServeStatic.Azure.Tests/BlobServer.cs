using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServeStatic.Azure.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, serving the releases of a container through the blob source.</summary>
public sealed class BlobServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BlobServer(WebApplication app, CollectedLogs logs)
    {
        _app = app;
        Logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(address),
        };
    }

    public HttpClient Client { get; }

    public CollectedLogs Logs { get; }

    /// <summary>
    /// Starts the server with <c>ServeStatic:Source = Blob</c> on the container; <paramref name="settings"/> adds or overrides
    /// <c>ServeStatic:…</c> keys. Polls <c>current</c> every 200 ms so tests see switches quickly.
    /// </summary>
    public static Task<BlobServer> StartAsync(string connectionString, string container, params (string Key, string Value)[] settings) =>
        StartAsync(connectionString, container, configure: null, settings);

    /// <summary>As above; <paramref name="configure"/> then registers more, as an app's own code would after the two Add calls.</summary>
    public static async Task<BlobServer> StartAsync(string connectionString, string container, Action<IServiceCollection>? configure, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var logs = new CollectedLogs();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        var configuration = new Dictionary<string, string?>
        {
            ["ServeStatic:Source"] = "Blob",
            ["ServeStatic:Blob:ConnectionString"] = connectionString,
            ["ServeStatic:Blob:Container"] = container,
            ["ServeStatic:Blob:PollSeconds"] = "0.2",
            ["ServeStatic:Blob:MaxRetries"] = "0",
            ["ServeStatic:StartupWaitSeconds"] = "10",
            ["ServeStatic:RetryAfterSeconds"] = "1",
        };
        foreach (var (key, value) in settings)
            configuration["ServeStatic:" + key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        var section = builder.Configuration.GetSection("ServeStatic");
        builder.Services.AddServeStatic(section);
        builder.Services.AddServeStaticBlobStorage(section);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapServeStatic();
        await app.StartAsync();
        return new BlobServer(app, logs);
    }

    public Task<HttpResponseMessage> GetAsync(string path, params (string Name, string Value)[] headers) =>
        Client.SendAsync(HttpMethod.Get, path, headers);

    public async Task<string> GetTextAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
