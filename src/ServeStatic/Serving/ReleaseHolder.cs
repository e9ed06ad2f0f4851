namespace ServeStatic.Serving;

/// <summary>
/// The release being served: one reference, swapped atomically when a new release has loaded. Requests read
/// <see cref="Current"/> once and use that snapshot to the end.
/// </summary>
public sealed class ReleaseHolder
{
    private readonly TaskCompletionSource<AssetIndex> _firstRelease = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile AssetIndex? _current;

    /// <summary>The snapshot to answer from, or null before the first release has loaded.</summary>
    public AssetIndex? Current => _current;

    /// <summary>Makes <paramref name="index"/> the release every later request is answered from.</summary>
    public void Swap(AssetIndex index)
    {
        _current = index;
        _firstRelease.TrySetResult(index);
    }

    /// <summary>The current snapshot, waiting at most <paramref name="timeout"/> for the first one; null if none came.</summary>
    public async Task<AssetIndex?> WaitForReleaseAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_current is { } current)
            return current;
        try
        {
            return await _firstRelease.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}
