using System.Net;
using System.Net.Sockets;

namespace ServeStatic.Azure.Tests.Azurite;

/// <summary>
/// A TCP relay on a free loopback port in front of Azurite that can be made to misbehave as a storage account or its
/// network does: <see cref="Stall"/> keeps every connection open and reads what comes, but forwards nothing either way (a
/// storage account that hangs rather than fails); <see cref="CutResponsesAfter"/> closes each open connection once that
/// many more bytes of responses have come through it, and every later connection at once (a network that drops mid-body
/// and stays down, so the SDK's resumption of the download fails too).
/// </summary>
internal sealed class FaultyStorageRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile bool _stalled;
    private long _cutAfter = long.MaxValue;

    public FaultyStorageRelay(int upstreamPort)
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

    /// <summary>Closes each open connection once <paramref name="bytes"/> more of responses have been relayed on it, and every later one at once.</summary>
    public void CutResponsesAfter(long bytes) => Interlocked.Exchange(ref _cutAfter, bytes);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                if (Interlocked.Read(ref _cutAfter) != long.MaxValue)
                    client.Dispose();
                else
                    _ = RelayAsync(client);
            }
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
                await Task.WhenAny(PumpAsync(client.GetStream(), upstream.GetStream(), cut: false), PumpAsync(upstream.GetStream(), client.GetStream(), cut: true));
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // A side closed, or the relay stopped.
            }
        }
    }

    /// <param name="cut">True for the responses' direction, the one <see cref="CutResponsesAfter"/> cuts.</param>
    private async Task PumpAsync(Stream from, Stream to, bool cut)
    {
        var buffer = new byte[16 * 1024];
        var limit = long.MaxValue;
        long relayed = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (_stalled)
                continue;
            if (cut && Interlocked.Read(ref _cutAfter) != limit)
            {
                // Counted from when the cut was asked for, on connections already open too.
                limit = Interlocked.Read(ref _cutAfter);
                relayed = 0;
            }
            var forward = (int)Math.Min(read, limit - relayed);
            await to.WriteAsync(buffer.AsMemory(0, forward), _stop.Token);
            relayed += forward;
            if (relayed >= limit)
                return; // the relay closes both sides
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
