using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using ServeStatic.Azure.Tests.Azurite;
using ServeStatic.Index;
using ServeStatic.Sources;

namespace ServeStatic.Azure.Tests;

/// <summary>How bodies are read from the container: what reaches storage, counted on the wire to Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public class ContentBlobReaderTests(AzuriteFixture azurite)
{
    private static readonly byte[] Big = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 31)).ToArray();
    private static readonly WrittenRelease Site = TestRelease.Write(("/small.txt", "small and hot"u8.ToArray()), ("/big.bin", Big));

    private async Task<(ContentBlobReader Reader, RequestLog Requests, BlobContainerClient Container)> ReaderAsync(long cacheBytes = 1_000_000, long maxCached = 1000)
    {
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(Site.Folder, activate: true);
        var requests = new RequestLog();
        var client = new BlobClientOptions();
        client.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        var counted = new BlobContainerClient(azurite.Server.ConnectionString, container.Name, client);
        var options = new BlobStorageOptions { CacheBytes = cacheBytes, MaxCachedBodyBytes = maxCached };
        return (new ContentBlobReader(counted, options, NullLogger.Instance), requests, container);
    }

    [Fact]
    public async Task Concurrent_misses_on_one_blob_make_one_download()
    {
        var (reader, requests, _) = await ReaderAsync();
        var small = Site.Asset("/small.txt").Variants[0];

        var bodies = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => reader.ReadWholeAsync(small, default))));

        Assert.All(bodies, b => Assert.Equal("small and hot"u8.ToArray(), b));
        Assert.Equal(1, requests.To(small.Key));
    }

    [Fact]
    public async Task A_cached_body_is_read_from_memory_afterwards()
    {
        var (reader, requests, _) = await ReaderAsync();
        var small = Site.Asset("/small.txt").Variants[0];

        await reader.ReadWholeAsync(small, default);
        await reader.ReadWholeAsync(small, default);

        Assert.Equal(1, requests.To(small.Key));
        Assert.Equal(small.Size, reader.CachedBytes);
    }

    [Fact]
    public async Task The_cache_keeps_within_its_byte_budget_by_dropping_the_least_recently_used()
    {
        var identity = Site.Asset("/small.txt").Variants[0];
        var gzip = Site.Asset("/small.txt").Variants[1];
        var budget = identity.Size + gzip.Size - 1; // room for either, not both
        var (reader, requests, _) = await ReaderAsync(cacheBytes: budget, maxCached: 1000);

        await reader.ReadWholeAsync(identity, default);
        await reader.ReadWholeAsync(gzip, default);
        await reader.ReadWholeAsync(identity, default);

        Assert.True(reader.CachedBytes <= budget);
        Assert.Equal(2, requests.To(identity.Key));
    }

    [Fact]
    public async Task A_range_of_a_large_blob_asks_storage_for_that_range_only()
    {
        var (reader, requests, _) = await ReaderAsync();
        var big = Site.Asset("/big.bin").Variants[0];
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        await reader.CopyRangeAsync(big, 1000, 500, first, default);
        await reader.CopyRangeAsync(big, 250_000, 100, second, default);

        Assert.Equal(Big[1000..1500], first.ToArray());
        Assert.Equal(Big[250_000..250_100], second.ToArray());
        // One whole read to verify the blob once, then one ranged read per request.
        Assert.Equal(["bytes=0-", "bytes=1000-1499", "bytes=250000-250099"], requests.RangesTo(big.Key));
    }

    [Fact]
    public async Task A_large_blob_rewritten_after_verification_is_verified_again_and_refused()
    {
        var (reader, _, container) = await ReaderAsync();
        var big = Site.Asset("/big.bin").Variants[0];
        await reader.CopyRangeAsync(big, 0, 10, new MemoryStream(), default);
        var tampered = (byte[])Big.Clone();
        tampered[299_999] ^= 1;
        await container.GetBlobClient(ReleaseLayout.ContentPath(big.Key)).UploadAsync(BinaryData.FromBytes(tampered), overwrite: true);

        await Assert.ThrowsAsync<ContentUnavailableException>(() => reader.CopyRangeAsync(big, 0, 10, new MemoryStream(), default));
    }

    [Fact]
    public async Task A_large_blob_that_failed_verification_is_not_downloaded_again_for_every_range()
    {
        var (reader, requests, container) = await ReaderAsync();
        var big = Site.Asset("/big.bin").Variants[0];
        var tampered = (byte[])Big.Clone();
        tampered[150_000] ^= 1;
        await container.GetBlobClient(ReleaseLayout.ContentPath(big.Key)).UploadAsync(BinaryData.FromBytes(tampered), overwrite: true);

        for (var i = 0; i < 5; i++)
            await Assert.ThrowsAsync<ContentUnavailableException>(() => reader.CopyRangeAsync(big, i, 1, new MemoryStream(), default));

        // One whole read found the mismatch; the four requests after it were refused without reaching storage.
        Assert.Equal(["bytes=0-"], requests.RangesTo(big.Key));
    }

    [Fact]
    public async Task A_small_blob_that_failed_verification_is_not_downloaded_again_for_every_request()
    {
        var (reader, requests, container) = await ReaderAsync();
        var small = Site.Asset("/small.txt").Variants[0];
        await container.GetBlobClient(ReleaseLayout.ContentPath(small.Key)).UploadAsync(BinaryData.FromBytes("small and HOT"u8.ToArray()), overwrite: true);

        for (var i = 0; i < 5; i++)
            await Assert.ThrowsAsync<ContentUnavailableException>(() => reader.ReadWholeAsync(small, default));

        Assert.Equal(1, requests.To(small.Key));
    }

    /// <summary>Counts the requests that reach the wire, by blob, with their Range header.</summary>
    private sealed class RequestLog : HttpPipelineSynchronousPolicy
    {
        private readonly ConcurrentQueue<(string Path, string? Range)> _requests = new();

        public override void OnSendingRequest(HttpMessage message)
        {
            message.Request.Headers.TryGetValue("x-ms-range", out var range);
            if (range is null)
                message.Request.Headers.TryGetValue("Range", out range);
            _requests.Enqueue((message.Request.Uri.Path, range));
        }

        public int To(string key) => _requests.Count(r => r.Path.EndsWith("/content/" + key, StringComparison.Ordinal));

        public string[] RangesTo(string key) =>
            _requests.Where(r => r.Path.EndsWith("/content/" + key, StringComparison.Ordinal)).Select(r => r.Range ?? "bytes=0-").ToArray();
    }
}
