using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServeStatic.Testing;

/// <summary>
/// A real headless Chromium (Debian's <c>chromium</c>, which <c>scripts/test.sh</c> installs) driven over the Chrome
/// DevTools Protocol (<c>Page.navigate</c>, <c>Runtime.evaluate</c>) with a plain WebSocket. Starting it never skips: a
/// browser that cannot be found or started fails the test with the reason.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket;
    private readonly StringBuilder _errors;
    private int _nextId;

    private HeadlessChromium(Process process, string profile, ClientWebSocket socket, StringBuilder errors)
    {
        _process = process;
        _profile = profile;
        _socket = socket;
        _errors = errors;
    }

    /// <summary>The browser: <c>SERVESTATIC_CHROMIUM</c>, else the first of chromium, chromium-browser, google-chrome on PATH.</summary>
    public static string Executable()
    {
        if (Environment.GetEnvironmentVariable("SERVESTATIC_CHROMIUM") is { Length: > 0 } configured)
            return configured;
        foreach (var name in (string[])["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"])
        {
            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        throw new InvalidOperationException("no Chromium found (chromium, chromium-browser, google-chrome on PATH, or SERVESTATIC_CHROMIUM); scripts/test.sh installs Debian's chromium");
    }

    /// <summary>Starts the browser on a blank page and navigates it to <paramref name="page"/>.</summary>
    public static async Task<HeadlessChromium> OpenAsync(Uri page)
    {
        var profile = Directory.CreateTempSubdirectory("servestatic-chromium-").FullName;
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
            "--disable-extensions", "--disable-sync", "--no-first-run", "--no-default-browser-check", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
            $"--user-data-dir={profile}", "about:blank"])
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        // Chromium writes the port it chose into DevToolsActivePort once the DevTools server listens.
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 2)
        {
            if (process.HasExited || clock.Elapsed > StartTimeout)
            {
                var exited = process.HasExited ? $"exited with {process.ExitCode}" : $"did not open its DevTools port in {StartTimeout.TotalSeconds} s";
                if (!process.HasExited)
                    process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{start.FileName} {exited}: {errors}");
            }
            await Task.Delay(100);
        }
        var port = int.Parse(File.ReadAllLines(portFile)[0], System.Globalization.CultureInfo.InvariantCulture);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        string? socketUrl = null;
        while (socketUrl is null)
        {
            var targets = await http.GetFromJsonAsync<JsonArray>("/json/list");
            socketUrl = targets?.Select(t => t!.AsObject()).FirstOrDefault(t => (string?)t["type"] == "page")?["webSocketDebuggerUrl"]?.GetValue<string>();
            if (socketUrl is null)
            {
                if (clock.Elapsed > StartTimeout)
                    throw new InvalidOperationException("Chromium opened no page");
                await Task.Delay(100);
            }
        }
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(socketUrl), CancellationToken.None);
        var browser = new HeadlessChromium(process, profile, socket, errors);
        try
        {
            await browser.NavigateAsync(page);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Loads <paramref name="page"/> in the tab, as following a link to it does (the cache's rules apply).</summary>
    public async Task NavigateAsync(Uri page)
    {
        // The reply comes once the new document is committed, so later evaluations run in it, not in the page before.
        var navigated = await SendAsync("Page.navigate", new JsonObject { ["url"] = page.ToString() });
        if (navigated?["errorText"] is { } navigationError)
            throw new InvalidOperationException($"Chromium could not load {page}: {navigationError}");
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page (awaiting a promise) and returns its value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result?["exceptionDetails"] is { } exception)
            throw new InvalidOperationException($"the page threw: {exception.ToJsonString()}");
        return result?["result"]?["value"];
    }

    /// <summary>Sends one DevTools command and returns its result.</summary>
    private async Task<JsonNode?> SendAsync(string method, JsonObject parameters)
    {
        var id = ++_nextId;
        var request = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var message = await ReceiveAsync(timeout.Token);
            if ((int?)message["id"] != id)
                continue;
            if (message["error"] is { } error)
                throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
            return message["result"];
        }
    }

    private async Task<JsonNode> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        WebSocketReceiveResult received;
        do
        {
            received = await _socket.ReceiveAsync(chunk, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
                throw new InvalidOperationException("Chromium closed the DevTools connection: " + _errors);
            buffer.Write(chunk, 0, received.Count);
        }
        while (!received.EndOfMessage);
        return JsonNode.Parse(buffer.ToArray()) ?? throw new JsonException("an empty DevTools message");
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be flushing its profile; the OS cleans temp folders.
        }
    }
}
