using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace ServeStatic.Cli.Tests;

/// <summary>
/// A published ASP.NET Core app run as a user runs it (<c>dotnet App.dll --urls http://127.0.0.1:PORT</c>, Production),
/// on a free loopback port; started once its health path answers 200, killed when disposed.
/// </summary>
internal sealed class RunningWebApp : IAsyncDisposable
{
    private const string HealthPath = "/.servestatic/health";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningWebApp(Process process, Uri address)
    {
        _process = process;
        Client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
        {
            BaseAddress = address,
        };
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static async Task<RunningWebApp> StartAsync(string assembly)
    {
        var address = new Uri($"http://127.0.0.1:{Loopback.FreePort().ToString(CultureInfo.InvariantCulture)}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { assembly, "--urls", address.ToString() })
            info.ArgumentList.Add(argument);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var app = new RunningWebApp(Process.Start(info)!, address);
        try
        {
            await Eventually.TrueAsync(async () => !app._process.HasExited && await app.IsHealthyAsync(), $"{assembly} answers 200 on {HealthPath}", seconds: 60);
        }
        catch (Exception e)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"{e.Message}; it printed:\n{app.Output}", e);
        }
        return app;
    }

    public Task<HttpResponseMessage> GetAsync(string path, params (string Name, string Value)[] headers) =>
        Client.SendAsync(HttpMethod.Get, path, headers);

    private async Task<bool> IsHealthyAsync()
    {
        try
        {
            using var response = await Client.GetAsync(HealthPath);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private void Append(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
            return;
        lock (_output)
            _output.Append(e.Data).Append('\n');
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
