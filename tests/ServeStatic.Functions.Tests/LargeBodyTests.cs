using System.Net;
using System.Net.Sockets;
using System.Text;
using ServeStatic.Azure.Tests;
using ServeStatic.Index;

namespace ServeStatic.Functions.Tests;

/// <summary>A host serving a release folder (ServeStatic__Folder__Path) with bodies too large to be held in memory.</summary>
public sealed class LargeBodyHost : IAsyncLifetime
{
    public const string Big = "/big.mp4";
    public const string Gone = "/gone.mp4";

    private readonly TestSite _site = new();
    private FunctionsHost? _host;

    internal FunctionsHost Host => _host ?? throw new InvalidOperationException("The Functions host was not started.");

    /// <summary>The content file of <see cref="Gone"/>'s body, which a test deletes to make the worker log a warning.</summary>
    public string GoneContentFile { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // Video is never compressed, so the build only hashes these; random bytes, streamed from disk (over the in-memory limit).
        var build = await _site.BuildAsync((Big, Random(32 * 1024 * 1024)), (Gone, Random(512 * 1024)), ("/index.html", "<h1>large</h1>"u8.ToArray()));
        var key = build.Index.Assets.Single(a => a.Path == Gone).Variants.Single(v => v.Encoding == ContentEncoding.Identity).Key;
        GoneContentFile = Path.Combine(_site.ReleaseFolder, ReleaseLayout.ContentPath(key));
        _host = await FunctionsHost.StartAsync(("ServeStatic__Folder__Path", _site.ReleaseFolder));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        _site.Dispose();
    }

    private static byte[] Random(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }
}

/// <summary>What reaches the host's output when a body is cut short: by the client, or by content that went missing.</summary>
public class LargeBodyTests(LargeBodyHost fixture) : IClassFixture<LargeBodyHost>
{
    private FunctionsHost Host => fixture.Host;

    [Fact]
    public async Task A_client_that_disconnects_mid_body_adds_no_warning_or_error_of_ours()
    {
        var mark = Host.Output.Mark();
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(Host.Address.Host, Host.Address.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {LargeBodyHost.Big} HTTP/1.1\r\nHost: {Host.Address.Authority}\r\n\r\n"));
            var buffer = new byte[16 * 1024];
            for (var received = 0; received < 256 * 1024;)
                received += await stream.ReadAsync(buffer);
        }
        // The host logs its side of the disconnect (docs/azure-functions.md, "Client disconnects under the host") when
        // its proxy to the worker gives up; wait for that, or a while, before reading what was logged.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Host.Output.Text(mark).Contains("(Failed", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        using (var after = await Host.GetAsync("/"))
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);

        var ours = Host.Output.Problems(mark).Where(IsOurs).ToList();
        Assert.True(ours.Count == 0, "the worker logged warnings or errors for a client that went away:\n" + string.Join('\n', ours.Select(e => e.Text)));
    }

    [Fact]
    public async Task A_warning_the_worker_logs_during_a_request_reaches_the_host_output()
    {
        // Makes sure the check above can fail: a warning of ours, logged while a request runs, is in the host's output.
        Assert.True(File.Exists(fixture.GoneContentFile), fixture.GoneContentFile);
        File.Delete(fixture.GoneContentFile);
        var mark = Host.Output.Mark();

        using var response = await Host.GetAsync(LargeBodyHost.Gone);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(Host.Output.Problems(mark).Any(IsOurs)), "the worker's warning for the missing content reaches the host's output");
    }

    /// <summary>Logged by the worker (the host forwards what it logs during an invocation as Function.&lt;name&gt;.User), or naming our code.</summary>
    private static bool IsOurs(HostOutput.Entry entry) =>
        entry.Category?.EndsWith(".User", StringComparison.Ordinal) == true || entry.Text.Contains("ServeStatic", StringComparison.OrdinalIgnoreCase);
}
