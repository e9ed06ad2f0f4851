using System.Collections.Concurrent;

namespace ServeStatic.Index;

/// <summary>
/// The load-time check of a release's content (<see cref="ContentCheck.Size"/>: each file a regular file of the recorded
/// size, as <see cref="FolderContentCheck"/> checks it) run while the index is still being read: the reader hands over each
/// asset as it parses it, and the other cores stat its content files meanwhile. A warm start then waits for the check only
/// as long as it outlasts the parse and the snapshot, rather than for both in turn (bench/README.md, "Warm start and
/// snapshot memory").
/// </summary>
/// <remarks>
/// The assets arrive unvalidated: a content key that is not a safe name never reaches the file system (the validation that
/// follows the parse refuses that index). The fault reported is the first in index order, as <see cref="FolderContentCheck.ThrowOnFault"/> reports it.
/// </remarks>
internal sealed class ContentSizeCheckWhileReading
{
    /// <summary>Assets per work item: a few hundred system calls, far more than handing one over costs.</summary>
    private const int BatchSize = 256;

    private readonly BlockingCollection<Batch> _queue = new();
    private readonly List<Batch> _batches = [];
    private readonly Task _checked;
    private Batch _filling = new();

    /// <summary>Starts checking <paramref name="contentFolder"/> (a full path) for the release <paramref name="releaseId"/>: nothing is checked until assets come.</summary>
    public ContentSizeCheckWhileReading(string contentFolder, string releaseId) =>
        // One core is the reader's (then the snapshot's); the check has the others, and one where there is no other.
        _checked = Task.Run(() =>
        {
            using var folder = UnixFolder.Open(contentFolder);
            ParallelWork.ForEach(_queue.GetConsumingEnumerable(), CancellationToken.None,
                (batch, _) => batch.Check(folder, contentFolder, releaseId), cores: Math.Max(1, Environment.ProcessorCount - 1));
        });

    /// <summary>An asset just read (from the reading thread only).</summary>
    public void Add(AssetRecord asset)
    {
        _filling.Assets.Add(asset);
        if (_filling.Assets.Count == BatchSize)
            Hand();
    }

    /// <summary>Every asset is read: the check of the last ones starts, and the task ends when all are checked.</summary>
    /// <returns>A task that fails with an <see cref="InvalidReleaseException"/> naming the first content file, in index order, that is not as recorded.</returns>
    public Task Complete()
    {
        Hand();
        _queue.CompleteAdding();
        return FirstFaultAsync();
    }

    /// <summary>The read failed (the index is refused for itself): what is queued is checked and its outcome ignored.</summary>
    public void Abandon()
    {
        _queue.CompleteAdding();
        _ = _checked.ContinueWith(static task => task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private void Hand()
    {
        if (_filling.Assets.Count == 0)
            return;
        _batches.Add(_filling);
        _queue.Add(_filling);
        _filling = new Batch();
    }

    private async Task FirstFaultAsync()
    {
        await _checked.ConfigureAwait(false);
        _queue.Dispose();
        foreach (var batch in _batches)
        {
            if (batch.Fault is { } fault)
                throw new InvalidReleaseException(fault.File, fault.Detail);
        }
    }

    /// <summary>Consecutive assets of the index, and the first fault among them once checked.</summary>
    private sealed class Batch
    {
        public List<AssetRecord> Assets { get; } = new(BatchSize);

        public ContentFault? Fault { get; private set; }

        public void Check(UnixFolder? folder, string contentFolder, string releaseId)
        {
            foreach (var asset in Assets)
            {
                for (var i = 0; i < asset.Variants.Count; i++)
                {
                    var variant = asset.Variants[i];
                    if (!ReleaseLayout.IsSafeName(variant.Key))
                        continue;
                    if (FolderContentCheck.SizeProblem(folder, contentFolder, variant.Key, variant.Size) is { } problem)
                    {
                        Fault = new ContentFault(Path.Join(contentFolder, variant.Key), problem, releaseId, NamedContent.Of(asset, variant));
                        return;
                    }
                }
            }
        }
    }
}
