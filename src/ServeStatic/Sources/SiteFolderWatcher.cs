using Microsoft.Extensions.Logging;
using ServeStatic.Build;

namespace ServeStatic.Sources;

/// <summary>
/// Tells development mode when the site folder changed. A <see cref="FileSystemWatcher"/> reports the edits; but a watched
/// folder that is deleted, or moved away and replaced by a new one at its path, gives no event at all (Linux's inotify
/// watches the old folder, now gone), so the folder at the path is also checked every <see cref="FolderCheck"/>: when it is
/// gone that is logged once, and when a folder is back (or another one took its place) it is watched anew and a change is
/// reported, so the site is rebuilt. An error of the watcher (lost events) is a change too, and re-arms it.
/// </summary>
internal sealed class SiteFolderWatcher : IDisposable
{
    /// <summary>How often the folder at the path is checked to be the one watched.</summary>
    public static readonly TimeSpan FolderCheck = TimeSpan.FromSeconds(1);

    /// <summary>A burst of changes (an editor saving, a bundler writing many files) is waited out before rebuilding.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    private readonly string _folder;
    private readonly ILogger _logger;
    private volatile TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _failed;
    private FileSystemWatcher? _watcher;
    private (ulong Device, ulong Inode)? _watched;
    private bool _gone;

    /// <param name="folder">The site folder, as a full path. Missing now, it is watched once it exists (the build says it is missing).</param>
    /// <param name="logger">Where the folder going and coming back is reported.</param>
    public SiteFolderWatcher(string folder, ILogger logger)
    {
        _folder = folder;
        _logger = logger;
        var current = Identify();
        _gone = current is null;
        if (current is not null)
        {
            _watcher = Watch();
            _watched = current;
        }
    }

    /// <summary>Completes once the folder changed and then stayed quiet for a moment.</summary>
    public async Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await _changed.Task.WaitAsync(FolderCheck, cancellationToken);
                break;
            }
            catch (TimeoutException)
            {
                CheckFolder();
            }
        }
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

    public void Dispose() => _watcher?.Dispose();

    /// <summary>
    /// Re-arms the watcher when the folder at the path is not the one watched (or the watcher failed), and reports that as a
    /// change. A watcher that cannot start is thrown for the loader to log; the next check tries again.
    /// </summary>
    private void CheckFolder()
    {
        var current = Identify();
        if (current == _watched && !_failed)
            return;
        _watcher?.Dispose();
        _watcher = null;
        _watched = null;
        _failed = false;
        if (current is null)
        {
            if (!_gone)
                _logger.SiteFolderGone(_folder);
            _gone = true;
            return;
        }
        _watcher = Watch();
        _watched = current;
        if (_gone)
            _logger.SiteFolderBack(_folder);
        _gone = false;
        _changed.TrySetResult();
    }

    private FileSystemWatcher Watch()
    {
        var watcher = new FileSystemWatcher(_folder) { IncludeSubdirectories = true };
        FileSystemEventHandler changed = (_, _) => _changed.TrySetResult();
        watcher.Changed += changed;
        watcher.Created += changed;
        watcher.Deleted += changed;
        watcher.Renamed += (_, _) => _changed.TrySetResult();
        // A lost event (overflow) may hide any change: rebuild, and watch afresh at the next check.
        watcher.Error += (_, _) =>
        {
            _failed = true;
            _changed.TrySetResult();
        };
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    /// <summary>The folder now at the path: its device and inode (where <see cref="UnixFileStatus"/> works), or null when there is none.</summary>
    private (ulong Device, ulong Inode)? Identify()
    {
        if (!Directory.Exists(_folder))
            return null;
        if (!UnixFileStatus.IsSupported)
            return (0, 0);
        return UnixFileStatus.Of(_folder) is { Type: UnixFileType.Directory } status ? (status.Device, status.Inode) : null;
    }
}
