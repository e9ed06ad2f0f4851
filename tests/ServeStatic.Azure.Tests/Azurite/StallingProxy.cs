using System.Net;
using System.Net.Sockets;

namespace ServeStatic.Azure.Tests.Azurite;

/// <summary>
/// A TCP relay on a free loopback port in front of Azurite that can be made to stop answering without refusing: once
/// <see cref="Stall"/> is called, it keeps every connection open and reads what comes, but forwards nothing either way —
/// a storage account that hangs rather than fails.
/// </summary>
internal sealed class StallingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile bool _stalled;

    public StallingProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Azurite's connection string, pointed at this relay.</summary>
    public string ConnectionString(AzuriteServer azurite) =>
        azurite.ConnectionString.Replace($":{azurite.Port}/", $":{Port}/", StringComparison.Ordinal);

    /// <summary>From now on nothing is forwarded, on open connections and new ones alike.</summary>
    public void Stall() => _stalled = true;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
                _ = RelayAsync(await _listener.AcceptTcpClientAsync(_stop.Token));
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                await Task.WhenAny(PumpAsync(client.GetStream(), upstream.GetStream()), PumpAsync(upstream.GetStream(), client.GetStream()));
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // A side closed, or the relay stopped.
            }
        }
    }

    private async Task PumpAsync(Stream from, Stream to)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (!_stalled)
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
