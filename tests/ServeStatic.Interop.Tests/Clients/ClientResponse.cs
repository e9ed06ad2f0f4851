namespace ServeStatic.Interop.Tests.Clients;

/// <summary>
/// What a real client made of a response: the status, the headers (names lowercase; the last value of a repeated one) and
/// the body as the client hands it to its user, after its own decoding. <see cref="Failure"/> is set instead when the
/// client itself failed (curl's exit code, a Python exception, a rejected fetch promise).
/// </summary>
public sealed record ClientResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body, string? Failure = null)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public static ClientResponse Failed(string failure) => new(0, new Dictionary<string, string>(), [], failure);
}
