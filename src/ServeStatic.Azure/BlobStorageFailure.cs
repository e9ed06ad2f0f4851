using Azure;
using Azure.Identity;

namespace ServeStatic.Azure;

/// <summary>Tells a storage failure worth retrying (unreachable, throttled, 5xx) from one that needs a person (403, no container).</summary>
internal static class BlobStorageFailure
{
    /// <summary>
    /// Unwraps what the Azure SDK throws: a <see cref="RequestFailedException"/>, or an <see cref="AggregateException"/> of them
    /// once its own retries are spent.
    /// </summary>
    public static RequestFailedException? AsRequestFailure(Exception e) => e switch
    {
        RequestFailedException r => r,
        AggregateException a => a.InnerExceptions.OfType<RequestFailedException>().LastOrDefault(),
        _ => null,
    };

    /// <summary>True when the exception came from talking to storage (as opposed to a bug or a cancellation by the caller).</summary>
    public static bool IsStorageFailure(Exception e) =>
        AsRequestFailure(e) is not null || e is HttpRequestException or IOException or TimeoutException or AuthenticationFailedException;

    /// <summary>
    /// As above, and also a storage account that stopped answering: the SDK ends a request that outlives its network timeout
    /// with a cancellation (an <see cref="AggregateException"/> of them once its retries are spent), which is a storage failure
    /// unless <paramref name="caller"/> was cancelled itself (a client that went away, a shutdown).
    /// </summary>
    public static bool IsStorageFailure(Exception e, CancellationToken caller) =>
        IsStorageFailure(e) || (IsTimeout(e) && !caller.IsCancellationRequested);

    private static bool IsTimeout(Exception e) => e switch
    {
        OperationCanceledException => true,
        AggregateException a => a.InnerExceptions.Any(inner => inner is OperationCanceledException),
        _ => false,
    };

    /// <summary>Status 0 is a transport failure (refused, reset, DNS, timeout); a cancellation is the SDK's network timeout (callers check their own token).</summary>
    public static bool IsTransient(Exception e) => AsRequestFailure(e)?.Status switch
    {
        null => e is HttpRequestException or IOException or TimeoutException || IsTimeout(e),
        0 or 408 or 429 or >= 500 => true,
        _ => false,
    };

    public static bool IsStatus(Exception e, int status) => AsRequestFailure(e)?.Status == status;

    /// <summary>One sentence for a person: what went wrong with the container, without a stack trace.</summary>
    public static string Explain(Exception e)
    {
        var failure = AsRequestFailure(e);
        return failure switch
        {
            null when IsTimeout(e) => "the storage account did not answer within the network timeout (Blob:NetworkTimeoutSeconds)",
            null when e is AuthenticationFailedException => $"no Azure identity could get a token ({FirstLine(e.Message)}); sign in with `az login`, or give a connection string",
            null => e.Message,
            { Status: 0 } => $"the storage account cannot be reached ({FirstLine(failure.Message)})",
            { Status: 403 } => $"access is denied (403 {failure.ErrorCode}): the key or SAS is wrong, or the identity lacks the 'Storage Blob Data Contributor' role",
            { Status: 404, ErrorCode: "ContainerNotFound" } => "the container does not exist",
            { Status: 404, ErrorCode: "ResourceNotFound" } => "the account or container does not exist",
            _ => $"storage answered {failure.Status} {failure.ErrorCode}: {FirstLine(failure.Message)}",
        };
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
