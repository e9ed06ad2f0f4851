using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ServeStatic.Functions.Tests;

/// <summary>What reaches the host's output when a body is cut short: by the client, or by content that went missing.</summary>
[Collection(FolderReleaseCollection.Name)]
public class LargeBodyTests(FolderReleaseHost fixture)
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
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {FolderReleaseHost.Big} HTTP/1.1\r\nHost: {Host.Address.Authority}\r\n\r\n"));
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

        using var response = await Host.GetAsync(FolderReleaseHost.Gone);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        await Eventually.TrueAsync(() => Host.Output.Problems(mark).Any(IsOurs), "the worker's warning for the missing content reaches the host's output");
    }

    /// <summary>Logged by the worker (the host forwards what it logs during an invocation as Function.&lt;name&gt;.User), or naming our code.</summary>
    private static bool IsOurs(HostOutput.Entry entry) =>
        entry.Category?.EndsWith(".User", StringComparison.Ordinal) == true || entry.Text.Contains("ServeStatic", StringComparison.OrdinalIgnoreCase);
}
