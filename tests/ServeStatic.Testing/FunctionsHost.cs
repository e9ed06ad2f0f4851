using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ServeStatic.Testing;

/// <summary>
/// A real Azure Functions host running the published app on a free loopback port, with the app settings given (as
/// environment variables, as <c>func start</c> passes <c>local.settings.json</c>'s Values). Started and stopped as a process
/// tree: the host starts the app's worker process itself.
/// </summary>
internal sealed class FunctionsHost : IAsyncDisposable
{
    public const string HealthPath = "/.servestatic/health";
    public const string HostVariable = "SERVESTATIC_FUNCTIONS_HOST";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private readonly Process _process;

    private FunctionsHost(Process process, Uri address, HostOutput output)
    {
        _process = process;
        Address = address;
        Output = output;
        Client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
        {
            BaseAddress = address,
        };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public HostOutput Output { get; }

    /// <summary>Starts a host on a published Functions app, and waits until the health path answers 200.</summary>
    /// <param name="app">The app's publish folder.</param>
    /// <exception cref="InvalidOperationException">No host was found, or it did not become healthy; the message says why.</exception>
    public static async Task<FunctionsHost> StartAsync(string app, params (string Name, string Value)[] settings)
    {
        var port = Loopback.FreePort();
        var info = Command(app, port);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        foreach (var (name, value) in settings)
            info.Environment[name] = value;

        var output = new HostOutput();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Add(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new FunctionsHost(process, new Uri($"http://127.0.0.1:{port}"), output);
        try
        {
            await host.WaitUntilHealthyAsync(info);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    public Task<HttpResponseMessage> GetAsync(string path, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Get, path, headers);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, params (string Name, string Value)[] headers) =>
        Client.SendAsync(method, path, headers);

    /// <summary>
    /// SIGTERM to the host, which stops the worker it started; whatever of the tree is still there after a grace period is
    /// killed, the worker included (it is no longer the host's child once the host is gone, so it is found first).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        var tree = Descendants(_process.Id).Prepend(_process.Id).ToList();
        if (!_process.HasExited)
        {
            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
                await kill!.WaitForExitAsync();
            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                // Killed below.
            }
        }
        foreach (var pid in tree)
        {
            try
            {
                using var left = Process.GetProcessById(pid);
                left.Kill(entireProcessTree: true);
                await left.WaitForExitAsync();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
        _process.Dispose();
    }

    /// <summary>
    /// How to run a host: Core Tools' <c>func</c> when it is on PATH, else the host folder <c>SERVESTATIC_FUNCTIONS_HOST</c>
    /// names (its <c>start.sh APP_DIR PORT</c>).
    /// </summary>
    private static ProcessStartInfo Command(string app, int port)
    {
        if (FindOnPath("func") is { } func)
        {
            // Core Tools runs the Functions app in its working directory (the script root). In a folder with a project file
            // it would build that project first and run its output; --no-build keeps it from trying, so it runs the
            // published app as it is. FUNCTIONS_WORKER_RUNTIME (set by the caller) keeps it from asking which runtime to use.
            var info = new ProcessStartInfo(func) { WorkingDirectory = app };
            foreach (var argument in new[] { "start", "--no-build", "--port", port.ToString(CultureInfo.InvariantCulture) })
                info.ArgumentList.Add(argument);
            return info;
        }
        var folder = Environment.GetEnvironmentVariable(HostVariable);
        if (string.IsNullOrEmpty(folder))
            throw new InvalidOperationException(
                $"No Azure Functions host: Core Tools' `func` is not on PATH and {HostVariable} is not set. Install Azure Functions Core Tools v4 " +
                $"(npm install -g azure-functions-core-tools@4), or set {HostVariable} to a folder holding the host's start.sh " +
                $"(on this project's machines: {HostVariable}=../shared/functions-host, which scripts/test.sh sets when that folder exists).");
        var start = Path.Combine(Path.GetFullPath(folder), "start.sh");
        if (!File.Exists(start))
            throw new InvalidOperationException($"{HostVariable}={folder}: there is no start.sh in that folder, so no Functions host can be started from it.");
        var shared = new ProcessStartInfo(start);
        shared.ArgumentList.Add(app);
        shared.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        return shared;
    }

    private async Task WaitUntilHealthyAsync(ProcessStartInfo info)
    {
        var command = string.Join(' ', [info.FileName, .. info.ArgumentList]);
        var deadline = DateTime.UtcNow + StartTimeout;
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The Functions host (`{command}`) exited with {_process.ExitCode} before {HealthPath} answered 200. Its output:\n{Output.Text()}");
            try
            {
                using var response = await probe.GetAsync(HealthPath);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"The Functions host (`{command}`) did not answer 200 on {HealthPath} within {StartTimeout.TotalSeconds} s. Its output:\n{Output.Text()}");
            await Task.Delay(200);
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Every process below <paramref name="root"/>, read from /proc (each /proc/PID/stat names its parent).</summary>
    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while the list was read.
            }
        }
        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var parent))
        {
            foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }
        return found;
    }
}
