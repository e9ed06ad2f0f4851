using ServeStatic.Build;

namespace ServeStatic.Sources;

/// <summary>
/// Development mode: a plain site folder, built in memory (quick compression) at start and rebuilt whenever a file in it
/// changes, like WhiteNoise's autorefresh. Only what the build scanned is served, so nothing outside the site folder
/// (a symbolic link leading out is refused by the scan) can be.
/// </summary>
public sealed class SiteFolderSource : IReleaseSource, IDisposable
{
    /// <summary>A burst of changes (an editor saving, a bundler writing many files) is waited out before rebuilding.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    private readonly BuildOptions _options;
    private readonly FileSystemWatcher _watcher;
    private volatile TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoadedRelease? _previous;

    public SiteFolderSource(BuildOptions options)
    {
        _options = options with { SitePath = Path.GetFullPath(options.SitePath), Compression = PrecompressionLevel.Fast };
        _watcher = new FileSystemWatcher(_options.SitePath) { IncludeSubdirectories = true };
        FileSystemEventHandler changed = (_, _) => _changed.TrySetResult();
        _watcher.Changed += changed;
        _watcher.Created += changed;
        _watcher.Deleted += changed;
        _watcher.Renamed += (_, _) => _changed.TrySetResult();
        // A lost event (overflow) may hide any change: rebuild.
        _watcher.Error += (_, _) => _changed.TrySetResult();
        _watcher.EnableRaisingEvents = true;
    }

    public string Description => $"site folder {_options.SitePath} (development mode: built in memory, rebuilt when a file changes)";

    /// <summary>Builds the site as it is now, reusing the previous build's compressed content for unchanged files.</summary>
    /// <exception cref="BuildException">The site cannot be built; the message names the file and the problem.</exception>
    public async Task<LoadedRelease?> LoadCurrentAsync(string? servedId, CancellationToken cancellationToken)
    {
        var writer = new MemoryReleaseWriter(_previous);
        await ReleaseBuilder.BuildAsync(_options, writer, progress: null, cancellationToken);
        _previous = writer.Release;
        return writer.Release.Id == servedId ? null : writer.Release;
    }

    public async Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        await _changed.Task.WaitAsync(cancellationToken);
        while (true)
        {
            var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _changed = next;
            try
            {
                await next.Task.WaitAsync(Quiet, cancellationToken);
            }
            catch (TimeoutException)
            {
                return;
            }
        }
    }

    public void Dispose() => _watcher.Dispose();
}
