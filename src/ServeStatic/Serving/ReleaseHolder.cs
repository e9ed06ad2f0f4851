namespace ServeStatic.Serving;

/// <summary>
/// The release being served: one reference, swapped atomically when a new release has loaded. Requests read
/// <see cref="Current"/> once and use that snapshot to the end.
/// </summary>
internal sealed class ReleaseHolder
{
    private readonly TaskCompletionSource<AssetIndex> _firstRelease = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile AssetIndex? _current;
    private long _startupDeadline;

    /// <summary>The snapshot to answer from, or null before the first release has loaded.</summary>
    public AssetIndex? Current => _current;

    /// <summary>Makes <paramref name="index"/> the release every later request is answered from.</summary>
    public void Swap(AssetIndex index)
    {
        _current = index;
        _firstRelease.TrySetResult(index);
    }

    /// <summary>
    /// Opens the start-up window: until <paramref name="wait"/> has passed, a request that finds no release waits for the
    /// first one (<see cref="WaitDuringStartupAsync"/>); after it, such a request is answered at once.
    /// </summary>
    internal void OpenStartupWindow(TimeSpan wait) =>
        Volatile.Write(ref _startupDeadline, Environment.TickCount64 + (long)wait.TotalMilliseconds);

    /// <summary>
    /// The current snapshot; before the first one, waits for what remains of the start-up window, once: a request arriving
    /// after it (a release that never loaded) gets null at once rather than waiting the whole window again.
    /// </summary>
    internal Task<AssetIndex?> WaitDuringStartupAsync(CancellationToken cancellationToken)
    {
        var remaining = Volatile.Read(ref _startupDeadline) - Environment.TickCount64;
        return _current is null && remaining > 0
            ? WaitForReleaseAsync(TimeSpan.FromMilliseconds(remaining), cancellationToken)
            : Task.FromResult(_current);
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
