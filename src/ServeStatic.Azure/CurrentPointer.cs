using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServeStatic.Index;

namespace ServeStatic.Azure;

/// <summary>
/// The <c>current</c> blob as read: the active release id (null when there is none yet), the ETag a switch must match,
/// and the history of previously active releases (newest first) kept in the blob's metadata, so that a switch and
/// its history change together in one conditional write.
/// </summary>
public sealed record CurrentPointer(string? ReleaseId, ETag? ETag, IReadOnlyList<string> History)
{
    /// <summary>How many previously active releases <c>current</c> remembers (for rollback and rolling deploys).</summary>
    internal const int HistoryLength = 10;

    public static CurrentPointer None { get; } = new(null, null, []);

    public static async Task<CurrentPointer> ReadAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        try
        {
            var response = await container.GetBlobClient(ReleaseLayout.Current).DownloadContentAsync(cancellationToken);
            return FromDownload(response.Value, ReleaseContainer.Describe(container));
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return None;
        }
    }

    internal static CurrentPointer FromDownload(BlobDownloadResult download, string where)
    {
        var id = ReleaseLayout.ParseCurrent(download.Content.ToString(), $"{where}: {ReleaseLayout.Current}");
        download.Details.Metadata.TryGetValue(BlobHeaders.HistoryMetadata, out var history);
        var previous = (history ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => ReleaseLayout.IsSafeName(p))
            .ToArray();
        return new CurrentPointer(id, download.Details.ETag, previous);
    }

    /// <summary>
    /// Points <c>current</c> at <paramref name="releaseId"/> if it still is as <paramref name="expected"/> saw it
    /// (If-Match its ETag, or If-None-Match: * when there was none: RFC 9110 §13.1.1–13.1.2).
    /// </summary>
    /// <exception cref="ReleaseConflictException">Someone else switched <c>current</c> in between.</exception>
    internal static async Task<CurrentPointer> SwitchAsync(
        BlobContainerClient container, CurrentPointer expected, string releaseId, IReadOnlyList<string> history, CancellationToken cancellationToken)
    {
        var conditions = expected.ETag is { } etag
            ? new BlobRequestConditions { IfMatch = etag }
            : new BlobRequestConditions { IfNoneMatch = global::Azure.ETag.All };
        var options = new BlobUploadOptions
        {
            Conditions = conditions,
            HttpHeaders = new BlobHttpHeaders { ContentType = BlobHeaders.CurrentContentType, CacheControl = BlobHeaders.CurrentCacheControl },
            Metadata = new Dictionary<string, string> { [BlobHeaders.HistoryMetadata] = string.Join(',', history.Take(HistoryLength)) },
        };
        try
        {
            var response = await container.GetBlobClient(ReleaseLayout.Current)
                .UploadAsync(BinaryData.FromBytes(Encoding.UTF8.GetBytes(ReleaseLayout.FormatCurrent(releaseId))), options, cancellationToken);
            return new CurrentPointer(releaseId, response.Value.ETag, history.Take(HistoryLength).ToArray());
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            var now = await ReadAsync(container, cancellationToken);
            throw new ReleaseConflictException(
                $"{ReleaseContainer.Describe(container)}: 'current' changed while switching to {releaseId} " +
                $"(it was {expected.ReleaseId ?? "absent"}, it now names {now.ReleaseId ?? "nothing"}); another publisher won, nothing was switched", e);
        }
    }
}
