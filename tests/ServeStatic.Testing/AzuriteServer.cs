using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;

namespace ServeStatic.Testing;

/// <summary>
/// A real Azurite blob service (<c>tests/tools/node_modules/.bin/azurite-blob</c>) on a free loopback port, with its
/// data in a temporary folder. It can be stopped and started again on the same port and data, for fault tests.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account (documented by Azurite; not a secret).</summary>
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _executable;
    private readonly string _dataFolder;
    private Process? _process;
    private readonly StringBuilder _output = new();

    private AzuriteServer(string executable, string dataFolder)
    {
        _executable = executable;
        _dataFolder = dataFolder;
    }

    /// <summary>The port Azurite listens on; kept across a stop and a start.</summary>
    public int Port { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/{Account};";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts Azurite on a free port.</summary>
    /// <exception cref="InvalidOperationException">Azurite is not installed or does not start; the message says why.</exception>
    public static async Task<AzuriteServer> StartAsync()
    {
        var executable = FindExecutable();
        var dataFolder = Directory.CreateTempSubdirectory("servestatic-azurite-").FullName;
        var server = new AzuriteServer(executable, dataFolder);
        try
        {
            await server.StartAsync(port: 0);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Starts Azurite again on the port and data it had, after <see cref="StopAsync"/>.</summary>
    public Task RestartAsync() => StartAsync(Port);

    /// <summary>Stops Azurite gracefully (SIGTERM, so it saves its data), or kills it after a grace period.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
            return;
        var process = _process;
        _process = null;
        if (!process.HasExited)
        {
            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
                await kill!.WaitForExitAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        process.Dispose();
    }

    public BlobContainerClient Container(string name) => new(ConnectionString, name);

    /// <summary>A new, empty container with a unique name.</summary>
    public async Task<BlobContainerClient> CreateContainerAsync()
    {
        var container = Container("c" + Guid.NewGuid().ToString("n"));
        await container.CreateAsync();
        return container;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the OS cleans /tmp.
        }
    }

    private async Task StartAsync(int port)
    {
        lock (_output)
            _output.Clear();
        var info = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--location", _dataFolder, "--skipApiVersionCheck", "--loose", "--disableTelemetry",
        })
            info.ArgumentList.Add(argument);

        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnOutput(e.Data, listening);
        process.ErrorDataReceived += (_, e) => OnOutput(e.Data, listening);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"Azurite exited before it listened. Its output:\n{Output()}"));
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"Azurite could not be started ({_executable}): {e.Message}. Is Node.js installed?", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        try
        {
            Port = await listening.Task.WaitAsync(StartTimeout);
            await WaitUntilItAnswersAsync();
        }
        catch (TimeoutException e)
        {
            await StopAsync();
            throw new InvalidOperationException($"Azurite did not start listening within {StartTimeout.TotalSeconds} s. Its output:\n{Output()}", e);
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    private async Task WaitUntilItAnswersAsync()
    {
        var client = new BlobServiceClient(ConnectionString, new BlobClientOptions { Retry = { MaxRetries = 0 } });
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await client.GetPropertiesAsync();
                return;
            }
            catch (Exception e) when (e is global::Azure.RequestFailedException or AggregateException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private void OnOutput(string? line, TaskCompletionSource<int> listening)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
        var match = ListeningLine().Match(line);
        if (match.Success)
            listening.TrySetResult(int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture));
    }

    private string Output()
    {
        lock (_output)
            return _output.ToString();
    }

    private static string FindExecutable()
    {
        var executable = Path.Combine(Repository.Root, "tests", "tools", "node_modules", ".bin", "azurite-blob");
        return File.Exists(executable)
            ? executable
            : throw new InvalidOperationException($"Azurite is not installed: {executable} is missing. Run `npm ci --prefix tests/tools` (scripts/test.sh does).");
    }

    [GeneratedRegex(@"successfully listens on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
