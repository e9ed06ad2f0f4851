using System.Net;
using System.Net.Sockets;

namespace ServeStatic.Interop.Tests.Caches;

/// <summary>A loopback port nothing listens on at the moment, for a program that must be told its port.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
