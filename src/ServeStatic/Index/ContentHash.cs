using System.Buffers;
using System.Security.Cryptography;

namespace ServeStatic.Index;

/// <summary>The SHA-256 (lowercase hex) and length of some bytes: the identity content key of an asset.</summary>
internal readonly record struct ContentHash(string Sha256, long Length)
{
    private const int ChunkSize = 1 << 17;

    public static ContentHash Of(ReadOnlySpan<byte> bytes) => new(Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);

    /// <summary>
    /// The hash of everything left in <paramref name="stream"/>, read in chunks (a large file is never held whole), each chunk
    /// also written to <paramref name="copy"/> when there is one.
    /// </summary>
    public static ContentHash Of(Stream stream, CancellationToken cancellationToken, Stream? copy = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long length = 0;
            int read;
            while ((read = stream.Read(buffer, 0, ChunkSize)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, read);
                copy?.Write(buffer, 0, read);
                length += read;
            }
            return new ContentHash(Convert.ToHexStringLower(hash.GetHashAndReset()), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The Subresource Integrity value (W3C SRI §3.1): <c>sha256-</c> and the base64 digest.</summary>
    public string Integrity => "sha256-" + Convert.ToBase64String(Convert.FromHexString(Sha256));
}
