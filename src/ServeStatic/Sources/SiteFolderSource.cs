using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ServeStatic.Build;

namespace ServeStatic.Sources;

/// <summary>
/// Development mode: a plain site folder, built (quick compression) at start and rebuilt whenever a file in it changes, like
/// WhiteNoise's autorefresh. Only what the build scanned is served, so nothing outside the site folder (a symbolic link
/// leading out is refused by the scan) can be. The content goes to a private scratch folder under the system's temporary
/// folder and is streamed from there, so memory holds no large body, and a file over <see cref="CompressUpToBytes"/> is not
/// precompressed (compressing holds a file whole). The scratch folder keeps the content of the newest build and of the one
/// before it (a request may still be sending that), and is deleted on dispose.
/// </summary>
internal sealed class SiteFolderSource : IReleaseSource, IDisposable
{
    /// <summary>The largest file development mode precompresses: 16 MiB. A bigger one is served as it is, streamed from disk.</summary>
    public const long CompressUpToBytes = 16L << 20;

    private readonly BuildOptions _options;
    private readonly string _scratch;
    private readonly ILogger _logger;
    private readonly SiteFolderWatcher _watcher;
    private LoadedRelease? _previous;
    private IReadOnlyList<string> _warnings = [];
    private string? _failure;

    /// <param name="options">What to build; the compression is development mode's own.</param>
    /// <param name="logger">Where the build's warnings and the folder going and coming back are reported.</param>
    public SiteFolderSource(BuildOptions options, ILogger? logger = null)
    {
        _options = options with { SitePath = Path.GetFullPath(options.SitePath), Compression = PrecompressionLevel.Fast, CompressUpToBytes = CompressUpToBytes };
        _logger = logger ?? NullLogger.Instance;
        // The watcher first: one that cannot start (the inotify limit) leaves no scratch folder behind.
        _watcher = new SiteFolderWatcher(_options.SitePath, _logger);
        _scratch = Directory.CreateTempSubdirectory("servestatic-dev-").FullName;
    }

    public string Description => $"site folder {_options.SitePath} (development mode: built into {_scratch}, rebuilt when a file changes)";

    /// <summary>The scratch folder the content is written to.</summary>
    public string ScratchFolder => _scratch;

    /// <summary>
    /// Builds the site as it is now, reusing the previous build's content for unchanged files. A warning of the build (a
    /// named pipe left out) is logged once, not again at every rebuild that finds it still there. A site that cannot be
    /// built (no files yet, a file that cannot be read) is logged in one line, once per problem, and gives null: the last
    /// good build, if any, keeps serving, and the next change to the folder builds again (no retry on a timer).
    /// </summary>
    public async Task<LoadedRelease?> LoadCurrentAsync(string? servedId, CancellationToken cancellationToken)
    {
        var writer = new ScratchReleaseWriter(_scratch, _previous);
        BuildResult result;
        try
        {
            result = await ReleaseBuilder.BuildAsync(_options, writer, progress: null, cancellationToken);
        }
        catch (BuildException e)
        {
            if (e.Message != _failure)
            {
                _logger.BuildFailed(e.Message, _previous is null ? "answering 503 until it can be built" : "the last good build keeps serving");
                _logger.BuildFailedDetail(e);
            }
            _failure = e.Message;
            return null;
        }
        _failure = null;
        foreach (var warning in result.Warnings.Except(_warnings, StringComparer.Ordinal))
            _logger.BuildWarning(_options.SitePath, warning);
        _warnings = result.Warnings;
        ScratchReleaseWriter.DeleteUnused(_scratch, _previous is null ? [writer.Release.Index] : [writer.Release.Index, _previous.Index]);
        _previous = writer.Release;
        return writer.Release.Id == servedId ? null : writer.Release;
    }

    public Task WaitForChangeAsync(CancellationToken cancellationToken) => _watcher.WaitForChangeAsync(cancellationToken);

    public void Dispose()
    {
        _watcher.Dispose();
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still open (Windows) keeps it; what is left is under the temporary folder.
        }
    }
}
