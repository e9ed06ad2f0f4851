using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ServeStatic.Testing;

/// <summary>Real special files for tests: a named pipe (<c>mkfifo(3)</c>) and a Unix domain socket bound to a path.</summary>
internal static class SpecialFiles
{
    /// <summary>How long a scan or build of a site holding a named pipe may take before the test calls it a hang.</summary>
    public static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Makes a named pipe at <paramref name="path"/>; opening it to read blocks until a writer opens it.</summary>
    public static void MakeFifo(string path)
    {
        if (MkFifo(path, 0b110_100_100) != 0)
            throw new IOException($"mkfifo {path} failed (errno {Marshal.GetLastPInvokeError()}); the test needs Linux or macOS");
    }

    /// <summary>Makes a Unix domain socket file at <paramref name="path"/>; dispose the result to close it (the file stays).</summary>
    public static Socket MakeSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MkFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);
}
