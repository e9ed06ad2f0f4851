using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServeStatic.Interop.Tests.Clients;

/// <summary>
/// Sends one request with a real client: curl and Python (Debian's /usr/bin/python3, whose python3-requests
/// scripts/test.sh installs) and Node as child processes, .NET's HttpClient in process. Extra headers are sent as given;
/// a <c>Range</c> is given to curl as <c>-r</c>.
/// </summary>
public static class RealClients
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly HttpClient Dotnet = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, AllowAutoRedirect = false });

    /// <summary>Python: the client prints its status, headers and base64 body as JSON; a client error is an exception (exit 1).</summary>
    private const string PythonRequests = """
        import base64, json, sys, requests
        url, method, headers = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
        r = requests.request(method, url, headers=headers, allow_redirects=False)
        print(json.dumps({"status": r.status_code, "headers": dict(r.headers), "body": base64.b64encode(r.content).decode()}))
        """;

    private const string PythonUrllib = """
        import base64, json, sys, urllib.error, urllib.request
        url, method, headers = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
        try:
            r = urllib.request.urlopen(urllib.request.Request(url, headers=headers, method=method))
        except urllib.error.HTTPError as e:
            r = e
        print(json.dumps({"status": r.status, "headers": dict(r.headers), "body": base64.b64encode(r.read()).decode()}))
        """;

    private const string NodeFetch = """
        const [url, method, headers] = process.argv.slice(1);
        const r = await fetch(url, { method, headers: JSON.parse(headers), redirect: "manual" });
        const body = Buffer.from(await r.arrayBuffer());
        console.log(JSON.stringify({ status: r.status, headers: Object.fromEntries(r.headers), body: body.toString("base64") }));
        """;

    public static Task<ClientResponse> GetAsync(Client client, Uri url, params (string Name, string Value)[] headers) => SendAsync(client, "GET", url, headers);

    public static Task<ClientResponse> SendAsync(Client client, string method, Uri url, params (string Name, string Value)[] headers) => client switch
    {
        Client.Curl => CurlAsync(method, url, headers, compressed: false),
        Client.CurlCompressed => CurlAsync(method, url, headers, compressed: true),
        Client.PythonRequests => ScriptAsync("/usr/bin/python3", ["-c", PythonRequests], method, url, headers),
        Client.PythonUrllib => ScriptAsync("/usr/bin/python3", ["-c", PythonUrllib], method, url, headers),
        Client.NodeFetch => ScriptAsync("node", ["--input-type=module", "-e", NodeFetch], method, url, headers),
        Client.DotnetHttpClient => DotnetAsync(method, url, headers),
        _ => throw new ArgumentOutOfRangeException(nameof(client)),
    };

    private static async Task<ClientResponse> CurlAsync(string method, Uri url, (string Name, string Value)[] headers, bool compressed)
    {
        var folder = Directory.CreateTempSubdirectory("servestatic-curl-").FullName;
        try
        {
            var body = Path.Combine(folder, "body");
            var head = Path.Combine(folder, "headers");
            // With --head, curl writes the headers where the body would go.
            List<string> arguments = method == "HEAD" ? ["--silent", "--show-error", "--head", "--output", head] : ["--silent", "--show-error", "--output", body, "--dump-header", head];
            if (compressed)
                arguments.Add("--compressed");
            if (method is not ("GET" or "HEAD"))
                arguments.AddRange(["--request", method]);
            foreach (var (name, value) in headers)
            {
                if (name.Equals("Range", StringComparison.OrdinalIgnoreCase) && value.StartsWith("bytes=", StringComparison.Ordinal))
                    arguments.AddRange(["--range", value["bytes=".Length..]]);
                else
                    arguments.AddRange(["--header", $"{name}: {value}"]);
            }
            arguments.Add(url.ToString());
            var run = await RunAsync("curl", arguments);
            if (run.ExitCode != 0)
                return ClientResponse.Failed($"curl exited with {run.ExitCode}: {run.Error}");
            var lines = File.ReadAllLines(head);
            var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var parsed = new Dictionary<string, string>();
            foreach (var line in lines.Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal)))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                parsed[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
            }
            return new ClientResponse(status, parsed, File.Exists(body) ? await File.ReadAllBytesAsync(body) : []);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<ClientResponse> ScriptAsync(string program, string[] script, string method, Uri url, (string Name, string Value)[] headers)
    {
        var headerJson = new JsonObject();
        foreach (var (name, value) in headers)
            headerJson[name] = value;
        var run = await RunAsync(program, [.. script, url.ToString(), method, headerJson.ToJsonString()]);
        if (run.ExitCode != 0)
            return ClientResponse.Failed($"{program} exited with {run.ExitCode}: {run.Error}");
        var result = JsonNode.Parse(run.Output) ?? throw new JsonException($"{program} printed nothing");
        var parsed = result["headers"]!.AsObject().ToDictionary(h => h.Key.ToLowerInvariant(), h => (string)h.Value!);
        return new ClientResponse((int)result["status"]!, parsed, Convert.FromBase64String((string)result["body"]!));
    }

    private static async Task<ClientResponse> DotnetAsync(string method, Uri url, (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        try
        {
            using var response = await Dotnet.SendAsync(request);
            var parsed = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(", ", h.Value));
            return new ClientResponse((int)response.StatusCode, parsed, await response.Content.ReadAsByteArrayAsync());
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException or InvalidOperationException)
        {
            return ClientResponse.Failed($"HttpClient threw {e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} cannot be started ({e.Message}); scripts/test.sh installs curl, python3-requests and node", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(Timeout);
            return (process.ExitCode, await output, await error);
        }
    }
}
