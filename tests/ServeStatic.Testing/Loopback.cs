using System.Net;
using System.Net.Sockets;

namespace ServeStatic.Testing;

/// <summary>The loopback interface, where every server a test starts listens.</summary>
internal static class Loopback
{
    /// <summary>A TCP port on 127.0.0.1 that nothing listens on now (the system picks it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
