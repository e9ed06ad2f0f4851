using System.Net.Sockets;
using System.Text;

namespace ServeStatic.Testing;

/// <summary>A response read off a socket: for request targets that HttpClient would normalise, and for HTTP/1.0.</summary>
internal sealed record RawResponse(int Status, string Version, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>Sends a request exactly as written over a TcpClient and reads the response to the end of the connection.</summary>
internal static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri server, string target, string method = "GET", string version = "HTTP/1.1", params string[] headers)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var request = new StringBuilder()
            .Append(method).Append(' ').Append(target).Append(' ').Append(version).Append("\r\n")
            .Append("Host: ").Append(server.Authority).Append("\r\n")
            .Append("Connection: close\r\n");
        foreach (var header in headers)
            request.Append(header).Append("\r\n");
        request.Append("\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request.ToString()));
        using var received = new MemoryStream();
        await stream.CopyToAsync(received);
        return Parse(received.ToArray(), method == "HEAD");
    }

    private static RawResponse Parse(byte[] bytes, bool head)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        var head_ = Encoding.Latin1.GetString(bytes, 0, end).Split("\r\n");
        var statusLine = head_[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head_.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }
        var body = head ? [] : bytes[(end + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            body = Unchunk(body);
        return new RawResponse(int.Parse(statusLine[1], System.Globalization.CultureInfo.InvariantCulture), statusLine[0], headers, body);
    }

    private static byte[] Unchunk(byte[] body)
    {
        using var output = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = body.AsSpan(position).IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body, position, lineEnd).Split(';')[0], 16);
            position += lineEnd + 2;
            if (size == 0)
                return output.ToArray();
            output.Write(body, position, size);
            position += size + 2;
        }
    }
}
