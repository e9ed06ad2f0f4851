namespace ServeStatic.Interop.Tests.Clients;

/// <summary>The real HTTP clients the tests use, each with the Accept-Encoding it sends on its own and its own decoder.</summary>
public enum Client
{
    /// <summary>curl without <c>--compressed</c>: no Accept-Encoding.</summary>
    Curl,

    /// <summary>curl <c>--compressed</c>: every coding its libcurl decodes (Debian's: deflate, gzip, br, zstd).</summary>
    CurlCompressed,

    /// <summary>Python <c>requests</c> (Debian's python3-requests): gzip, deflate, and decodes them.</summary>
    PythonRequests,

    /// <summary>Python's <c>urllib.request</c>: no Accept-Encoding, no decoding.</summary>
    PythonUrllib,

    /// <summary>Node's built-in <c>fetch</c> (undici): gzip, deflate, br, and decodes them.</summary>
    NodeFetch,

    /// <summary>.NET <c>HttpClient</c> with <c>AutomaticDecompression = All</c>: gzip, deflate, br.</summary>
    DotnetHttpClient,
}
