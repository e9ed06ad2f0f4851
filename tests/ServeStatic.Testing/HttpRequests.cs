namespace ServeStatic.Testing;

/// <summary>A request with raw headers, as the servers under test (Kestrel, the Functions host, a blob-backed app) are sent them.</summary>
internal static class HttpRequests
{
    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> with <paramref name="headers"/> added as given (not validated: tests send odd ones on purpose).</summary>
    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return await client.SendAsync(request);
    }
}
