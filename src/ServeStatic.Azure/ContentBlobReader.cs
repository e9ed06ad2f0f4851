using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using ServeStatic.Index;
using ServeStatic.Sources;

namespace ServeStatic.Azure;

/// <summary>
/// Reads content blobs for every release of one container, and never hands out bytes that do not match their SHA-256:
/// <list type="bullet">
/// <item>a body up to <see cref="BlobStorageOptions.MaxCachedBodyBytes"/> is downloaded whole, verified, then held in the
/// LRU cache; concurrent misses on one blob share one download;</item>
/// <item>a larger body is verified once by streaming it through SHA-256 (not buffered), and its ETag remembered; each range
/// is then read from the blob service with <c>If-Match</c> on that ETag, so a blob changed after verification is caught.</item>
/// </list>
/// Storage failures become <see cref="ContentUnavailableException"/> (the responder answers 503 with Retry-After). A blob that
/// failed verification is refused without being downloaded again for <see cref="RefusalMemory"/>: a tampered 6 MB blob
/// would otherwise be downloaded and hashed whole for every 1-byte range request.
/// </summary>
internal sealed class ContentBlobReader(BlobContainerClient container, BlobStorageOptions options, ILogger logger)
{
    /// <summary>How long a blob that did not match its SHA-256 is refused before it is downloaded and verified again (it may be repaired).</summary>
    public static readonly TimeSpan RefusalMemory = TimeSpan.FromMinutes(1);

    private readonly string _where = ReleaseContainer.Describe(container);
    private readonly LruByteCache _cache = new(options.CacheBytes);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Task<byte[]>> _downloads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<ETag>> _verifications = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _refusedUntil = new(StringComparer.Ordinal);

    /// <summary>The bytes the cache holds now.</summary>
    public long CachedBytes => _cache.Bytes;

    public bool IsCachedWhole(VariantRecord variant) => variant.Size <= options.MaxCachedBodyBytes;

    /// <summary>The whole verified body, if the cache holds it now.</summary>
    public bool TryGetCached(VariantRecord variant, out byte[] body) => _cache.TryGet(variant.Key, out body);

    /// <summary>The whole verified body: from the cache, or one shared download.</summary>
    /// <exception cref="ContentUnavailableException">Storage fails, or the blob does not match its SHA-256.</exception>
    public async Task<byte[]> ReadWholeAsync(VariantRecord variant, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(variant.Key, out var cached))
            return cached;
        Task<byte[]> download;
        lock (_lock)
        {
            ThrowIfRefused(variant);
            if (!_downloads.TryGetValue(variant.Key, out download!))
            {
                // Shared by every waiter, so no single request's cancellation may stop it; the SDK's network timeout bounds it.
                download = DownloadWholeAsync(variant);
                _downloads.Add(variant.Key, download);
            }
        }
        return await download.WaitAsync(cancellationToken);
    }

    /// <summary>Writes bytes <c>[offset, offset + count)</c> of a large blob, read as a range from the blob service.</summary>
    /// <exception cref="ContentUnavailableException">Storage fails before the first byte, or the blob does not match its SHA-256.</exception>
    public async Task CopyRangeAsync(VariantRecord variant, long offset, long count, Stream destination, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var etag = await VerifiedETagAsync(variant).WaitAsync(cancellationToken);
            Response<BlobDownloadStreamingResult> response;
            try
            {
                response = await Blob(variant).DownloadStreamingAsync(new BlobDownloadOptions
                {
                    Range = new HttpRange(offset, count),
                    Conditions = new BlobRequestConditions { IfMatch = etag },
                }, cancellationToken);
            }
            catch (Exception e) when (BlobStorageFailure.IsStatus(e, 412) && attempt == 0)
            {
                // Rewritten since it was verified: verify again.
                Forget(variant.Key, _verifications);
                continue;
            }
            catch (Exception e) when (BlobStorageFailure.IsStorageFailure(e, cancellationToken))
            {
                throw Unavailable(variant, e);
            }
            using (response.Value)
                await CopyAsync(variant, response.Value.Content, destination, cancellationToken);
            return;
        }
    }

    /// <summary>
    /// Copies a blob's stream to the response. A read that fails (storage cut the stream mid-body) is the content becoming
    /// unavailable, which the responder logs as a warning and ends by aborting the connection; a write that fails is the
    /// client's side, passed on as it is.
    /// </summary>
    private async Task CopyAsync(VariantRecord variant, Stream blob, Stream destination, CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await blob.ReadAsync(buffer, cancellationToken);
                }
                catch (Exception e) when (BlobStorageFailure.IsStorageFailure(e, cancellationToken))
                {
                    throw Unavailable(variant, e);
                }
                if (read == 0)
                    return;
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<byte[]> DownloadWholeAsync(VariantRecord variant)
    {
        try
        {
            await Task.Yield(); // leave the lock before the request starts
            var response = await Blob(variant).DownloadStreamingAsync();
            using var download = response.Value;
            var body = new byte[variant.Size];
            var read = await download.Content.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false);
            var extra = read == body.Length ? await download.Content.ReadAsync(new byte[1]) : 0;
            if (read != body.Length || extra != 0 || !Matches(SHA256.HashData(body), variant))
                throw Tampered(variant);
            if (IsCachedWhole(variant))
                _cache.Add(variant.Key, body);
            return body;
        }
        // Nobody cancels a shared download: a cancellation here is the network timeout of a storage account that stopped answering.
        catch (Exception e) when (BlobStorageFailure.IsStorageFailure(e, CancellationToken.None))
        {
            throw Unavailable(variant, e);
        }
        finally
        {
            Forget(variant.Key, _downloads);
        }
    }

    private Task<ETag> VerifiedETagAsync(VariantRecord variant)
    {
        lock (_lock)
        {
            ThrowIfRefused(variant);
            if (_verifications.TryGetValue(variant.Key, out var verification) && !verification.IsFaulted)
                return verification;
            return _verifications[variant.Key] = VerifyAsync(variant);
        }
    }

    /// <summary>Streams the whole blob through SHA-256 once; returns the ETag of the bytes that matched.</summary>
    private async Task<ETag> VerifyAsync(VariantRecord variant)
    {
        try
        {
            await Task.Yield();
            var response = await Blob(variant).DownloadStreamingAsync();
            using var download = response.Value;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await download.Content.ReadAsync(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                total += read;
            }
            if (total != variant.Size || !Matches(hash.GetHashAndReset(), variant))
                throw Tampered(variant);
            return download.Details.ETag;
        }
        // Nobody cancels a shared download: a cancellation here is the network timeout of a storage account that stopped answering.
        catch (Exception e) when (BlobStorageFailure.IsStorageFailure(e, CancellationToken.None))
        {
            throw Unavailable(variant, e);
        }
    }

    private BlobClient Blob(VariantRecord variant) => container.GetBlobClient(ReleaseLayout.ContentPath(variant.Key));

    private static bool Matches(byte[] sha256, VariantRecord variant) =>
        Convert.ToHexStringLower(sha256).Equals(variant.Sha256, StringComparison.Ordinal);

    private void Forget<T>(string key, Dictionary<string, Task<T>> tasks)
    {
        lock (_lock)
            tasks.Remove(key);
    }

    /// <summary>Logs the mismatch once, and refuses the blob without reading it for <see cref="RefusalMemory"/>.</summary>
    private ContentUnavailableException Tampered(VariantRecord variant)
    {
        logger.ContentTampered(variant.Key, _where, variant.Sha256);
        lock (_lock)
            _refusedUntil[variant.Key] = Environment.TickCount64 + (long)RefusalMemory.TotalMilliseconds;
        return Refused(variant);
    }

    /// <summary>Called under the lock.</summary>
    private void ThrowIfRefused(VariantRecord variant)
    {
        if (!_refusedUntil.TryGetValue(variant.Key, out var until))
            return;
        if (Environment.TickCount64 < until)
            throw Refused(variant);
        _refusedUntil.Remove(variant.Key);
    }

    private ContentUnavailableException Refused(VariantRecord variant) =>
        new($"{_where}: {ReleaseLayout.ContentPath(variant.Key)} does not match its SHA-256 and size ({variant.Size} bytes)");

    private ContentUnavailableException Unavailable(VariantRecord variant, Exception e) =>
        new($"{_where}: {ReleaseLayout.ContentPath(variant.Key)} cannot be read: {BlobStorageFailure.Explain(e)}", e);
}
