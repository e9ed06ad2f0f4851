namespace ServeStatic.Interop.Tests.Clients;

/// <summary>The content codings (null: identity) each real client decodes, hence may be sent.</summary>
internal static class ClientCodings
{
    public static string?[] Decoded(Client client) => client switch
    {
        Client.Curl or Client.PythonUrllib => [null],
        // Debian's libcurl is built with brotli and zstd (curl -V).
        Client.CurlCompressed => [null, "br", "gzip", "zstd", "deflate"],
        // urllib3 decodes br only with a Brotli module, which python3-requests does not pull in.
        Client.PythonRequests => [null, "gzip", "deflate"],
        Client.NodeFetch or Client.DotnetHttpClient => [null, "br", "gzip", "deflate"],
        _ => throw new ArgumentOutOfRangeException(nameof(client)),
    };
}
