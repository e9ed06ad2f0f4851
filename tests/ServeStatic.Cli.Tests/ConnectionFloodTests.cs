using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ServeStatic.Cli.Tests;

/// <summary>
/// <c>servestatic serve</c> under a flood of idle connections, as a real process with a small limit on open files: it keeps
/// answering (docs/connections.md). Without a connection cap, the flood takes every descriptor and no content file opens.
/// And a client that never finishes its headers (slowloris) is cut off after 15 s, not Kestrel's 30.
/// </summary>
public class ConnectionFloodTests
{
    private const int OpenFiles = 400;

    [Fact]
    public async Task A_flood_of_idle_connections_leaves_the_origin_answering_its_clients()
    {
        using var folder = SmallSite.Create();
        // Larger than the bodies held in memory (256 KB): each response opens its content file, as under real load.
        var large = new byte[1024 * 1024];
        new Random(3).NextBytes(large);
        await File.WriteAllBytesAsync(Path.Join(folder.Site, "large.bin"), large);
        Assert.Equal(0, (await CliRun.RunAsync("build", folder.Site, "--output", folder.Output())).ExitCode);

        var port = Loopback.FreePort();
        using var server = StartServe(folder.Output(), port);
        try
        {
            await FloodAsync(server, port, large);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_client_that_never_finishes_its_headers_is_cut_off_after_15_seconds()
    {
        using var folder = SmallSite.Create();
        Assert.Equal(0, (await CliRun.RunAsync("build", folder.Site, "--output", folder.Output())).ExitCode);
        var port = Loopback.FreePort();
        using var server = StartServe(folder.Output(), port);
        try
        {
            using (var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") })
                await WaitForHealthAsync(client, server);
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, port);
            await socket.SendAsync("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"u8.ToArray());
            var clock = Stopwatch.StartNew();
            // Whatever Kestrel answers (a 408, or nothing), the connection ends: read until it does, for at most 45 s.
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(45));
            var buffer = new byte[1024];
            while (await socket.ReceiveAsync(buffer, limit.Token) > 0)
            {
            }
            // ConnectionLimits.RequestHeadersTimeout is 15 s; Kestrel checks once a second. Its own default would be 30 s.
            Assert.InRange(clock.Elapsed.TotalSeconds, 13, 25);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task FloodAsync(Process server, int port, byte[] large)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitForHealthAsync(client, server);
        Assert.Equal(large, await client.GetByteArrayAsync(new Uri("/large.bin", UriKind.Relative)));

        // Twice as many idle connections as the process may open files: without a cap they use up every descriptor.
        var flood = new List<Socket>();
        try
        {
            for (var i = 0; i < OpenFiles * 2; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                flood.Add(socket);
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, port);
                }
                catch (SocketException)
                {
                    // Refused or reset once the cap is reached: what a flood should meet.
                }
            }

            // The client already connected is still served, its content file opened each time.
            for (var i = 0; i < 3; i++)
                Assert.Equal(large, await client.GetByteArrayAsync(new Uri("/large.bin", UriKind.Relative)));
        }
        finally
        {
            foreach (var socket in flood)
                socket.Dispose();
        }

        // Once the flood has gone, a new client is served at once.
        using var later = new HttpClient { BaseAddress = client.BaseAddress };
        using var response = await later.GetAsync(new Uri("/large.bin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(server.HasExited, "servestatic serve exited during the flood");
    }

    /// <summary><c>servestatic serve</c> as its own process, under <c>ulimit -n</c> (the runtime raises the soft limit to the hard one).</summary>
    private static Process StartServe(string release, int port)
    {
        var cli = Path.Join(AppContext.BaseDirectory, "ServeStatic.Cli.dll");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"ulimit -n {OpenFiles} && exec dotnet \"$0\" serve \"$1\" --urls \"$2\"");
        start.ArgumentList.Add(cli);
        start.ArgumentList.Add(release);
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHealthAsync(HttpClient client, Process server)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var health = await client.GetAsync(new Uri("/.servestatic/health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException) when (!server.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
            }
            if (server.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
                throw new InvalidOperationException($"servestatic serve did not answer within 60 s (exited: {server.HasExited})");
            await Task.Delay(200);
        }
    }
}
