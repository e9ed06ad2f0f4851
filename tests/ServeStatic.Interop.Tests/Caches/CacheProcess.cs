using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ServeStatic.Interop.Tests.Caches;

/// <summary>
/// A real cache (varnishd, nginx) running in the foreground as a child process, with its files in a temporary folder and
/// listening on a loopback port. One that cannot be found or does not start listening fails the test with what it printed.
/// </summary>
internal sealed class CacheProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output;

    private CacheProcess(string name, Process process, StringBuilder output, TempFolder folder, int port)
    {
        Name = name;
        _process = process;
        _output = output;
        Folder = folder;
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    public string Name { get; }

    public Uri Address { get; }

    public TempFolder Folder { get; }

    /// <summary>What the cache printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts <paramref name="program"/> (found on PATH or in /usr/sbin) and waits until <paramref name="port"/> accepts connections.</summary>
    public static async Task<CacheProcess> StartAsync(string name, string program, TempFolder folder, int port, params string[] arguments)
    {
        var start = new ProcessStartInfo(Find(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder.Path,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var commandLine = string.Join(' ', [start.FileName, .. arguments]);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name}: `{commandLine}` did not start");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var cache = new CacheProcess(name, process, output, folder, port);
        var clock = Stopwatch.StartNew();
        while (!await AcceptsAsync(port))
        {
            if (process.HasExited || clock.Elapsed > StartTimeout)
            {
                var why = process.HasExited ? $"exited with {process.ExitCode}" : $"did not listen on port {port} within {StartTimeout.TotalSeconds} s";
                await cache.DisposeAsync();
                throw new InvalidOperationException($"{name}: `{commandLine}` {why}:\n{cache.Output}");
            }
            await Task.Delay(50);
        }
        return cache;
    }

    private static string Find(string program)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin").Append("/sbin");
        return folders.Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{program} is not installed (not on PATH nor in /usr/sbin); scripts/test.sh installs it (Debian package {program switch { "varnishd" => "varnish", _ => program }})");
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Folder.Dispose();
    }
}
