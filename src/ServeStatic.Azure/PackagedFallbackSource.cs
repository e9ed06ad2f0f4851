using Microsoft.Extensions.Logging;
using ServeStatic.Sources;

namespace ServeStatic.Azure;

/// <summary>
/// The blob source, with the release folder of the deployment package standing in while the container has no
/// <c>current</c>: a freshly provisioned container is empty, and an app that answered 503 until someone published would
/// fail its first health probes. The blob source keeps polling <c>current</c>; the container's release is served as soon as
/// it appears, without a restart. Once a container release has loaded, the package is never gone back to: a missing or
/// unusable <c>current</c> then leaves the last release serving, as the blob source alone would. An unreachable container
/// is not "no <c>current</c>" and gets no fallback either: the blob source retries it (serving the package then could put
/// an older release on some instances than on others).
/// </summary>
internal sealed class PackagedFallbackSource : IReleaseSource
{
    private readonly BlobReleaseSource _container;
    private readonly FolderSource _package;
    private readonly ILogger _logger;
    private string? _packagedId;
    private bool _containerLoaded;
    private volatile string _description;

    public PackagedFallbackSource(BlobReleaseSource container, FolderSource package, ILogger<PackagedFallbackSource> logger)
    {
        _container = container;
        _package = package;
        _logger = logger;
        _description = container.Description;
    }

    /// <summary>The container, or the package folder while the release last loaded is the packaged one.</summary>
    public string Description => _description;

    /// <summary>The container's current release; while it has none (and never had one since start), the packaged release.</summary>
    /// <exception cref="NoCurrentReleaseException">The container had a release, and now has no <c>current</c>.</exception>
    public async Task<LoadedRelease?> LoadCurrentAsync(string? servedId, CancellationToken cancellationToken)
    {
        // Loads are serialized by the loader, so the fields below have one writer at a time.
        _description = _container.Description;
        try
        {
            var release = await _container.LoadCurrentAsync(servedId, cancellationToken);
            _containerLoaded = true;
            return release;
        }
        catch (NoCurrentReleaseException) when (!_containerLoaded)
        {
            _description = $"{_package.Description} (packaged; {_container.Description} has no 'current' yet)";
            var packaged = await _package.LoadCurrentAsync(servedId, cancellationToken);
            if (packaged is not null && _packagedId is null)
            {
                _packagedId = packaged.Id;
                _logger.ServingPackagedRelease(_container.Description, packaged.Id, _package.Description);
            }
            return packaged;
        }
    }

    /// <summary>The blob source's watch of <c>current</c>: its appearance is a change.</summary>
    public Task WaitForChangeAsync(CancellationToken cancellationToken) => _container.WaitForChangeAsync(cancellationToken);
}
