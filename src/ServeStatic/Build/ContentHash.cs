using System.Security.Cryptography;

namespace ServeStatic.Build;

/// <summary>The SHA-256 (lowercase hex) and length of some bytes: the identity content key of an asset.</summary>
public readonly record struct ContentHash(string Sha256, long Length)
{
    public static ContentHash Of(ReadOnlySpan<byte> bytes) => new(Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);

    /// <summary>The Subresource Integrity value (W3C SRI §3.1): <c>sha256-</c> and the base64 digest.</summary>
    public string Integrity => "sha256-" + Convert.ToBase64String(Convert.FromHexString(Sha256));
}
