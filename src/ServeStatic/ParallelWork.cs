using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ServeStatic;

/// <summary>How every parallel stage of a build runs its independent items: on all cores, stopping at the first failure.</summary>
internal static class ParallelWork
{
    /// <summary>
    /// Runs <paramref name="body"/> for each of <paramref name="items"/> on all cores, taking items in their order (largest
    /// first, when the caller sorts them so). The first failure stops the rest: no item starts after it, and the token the
    /// running ones were given is cancelled. That failure is then rethrown as itself (a <c>BuildException</c> stays one),
    /// never wrapped in an <see cref="AggregateException"/>.
    /// </summary>
    /// <param name="items">The items, taken one at a time as they are needed (an enumerable that blocks until the next exists works).</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <param name="body">The work on one item.</param>
    /// <param name="cores">How many items run at once: all cores unless told (a caller that keeps one core busy itself asks for one fewer).</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static void ForEach<T>(IEnumerable<T> items, CancellationToken cancellationToken, Action<T, CancellationToken> body, int? cores = null)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? first = null;
        Parallel.ForEach(
            Partitioner.Create(items, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = cores ?? Environment.ProcessorCount },
            (item, loop) =>
            {
                try
                {
                    body(item, stop.Token);
                }
                catch (Exception e)
                {
                    // Recorded before cancelling, so a sibling's OperationCanceledException never takes its place.
                    Interlocked.CompareExchange(ref first, e, null);
                    loop.Stop();
                    stop.Cancel();
                }
            });
        if (first is not null)
            ExceptionDispatchInfo.Throw(first);
    }
}
