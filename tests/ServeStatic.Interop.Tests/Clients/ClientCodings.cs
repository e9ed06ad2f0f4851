using System.Diagnostics;

namespace ServeStatic.Interop.Tests.Clients;

/// <summary>The content codings each real client decodes (null: identity).</summary>
internal static class ClientCodings
{
    public static string?[] Decoded(Client client) => client switch
    {
        Client.Curl or Client.PythonUrllib => [null],
        // Debian's libcurl is built with brotli and zstd (curl -V).
        Client.CurlCompressed => [null, "br", "gzip", "zstd", "deflate"],
        // urllib3 offers br only where a Brotli module is installed (python3-requests does not pull one in; python3-brotli
        // adds it), so what it offers is asked of it.
        Client.PythonRequests => PythonRequests.Value,
        Client.NodeFetch or Client.DotnetHttpClient => [null, "br", "gzip", "deflate"],
        _ => throw new ArgumentOutOfRangeException(nameof(client)),
    };

    private static readonly Lazy<string?[]> PythonRequests = new(() =>
    {
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", "from urllib3.util.request import ACCEPT_ENCODING; print(ACCEPT_ENCODING)"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var python = Process.Start(start) ?? throw new InvalidOperationException("could not start /usr/bin/python3");
        var offered = python.StandardOutput.ReadToEnd();
        python.WaitForExit();
        if (python.ExitCode != 0)
            throw new InvalidOperationException("/usr/bin/python3 could not say what urllib3 offers in Accept-Encoding (is python3-requests installed?)");
        return [null, .. offered.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
    });
}
