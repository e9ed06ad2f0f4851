using Microsoft.Extensions.Hosting;
using ServeStatic.Index;

namespace ServeStatic.Serving;

/// <summary>
/// Which folder the folder source serves (<c>ServeStatic:Source = Folder</c>), and whether as a release or live, rebuilt on
/// change (development mode, as <c>servestatic serve &lt;site&gt;</c>). In order (docs/configuration.md):
/// <list type="number">
/// <item><c>ServeStatic:Folder:Path</c>, when set. A release folder (<see cref="FolderReleaseStore.IsReleaseFolder"/>) is served
/// as a release. A folder with files but no release is a site folder: served live in the Development environment, refused
/// elsewhere. A path where nothing is yet (missing or empty) is waited on as a release folder: a build may still write it.</item>
/// <item>Unset, in the Development environment: the app's web root (<c>wwwroot</c>), live, when it has one.</item>
/// <item>Unset: <see cref="ReleaseBesideApp"/>, where the build puts the app's release.</item>
/// </list>
/// Anything else stops the host's start with one message naming the places looked at and how to make a release.
/// </summary>
/// <param name="Folder">The folder, as a full path.</param>
/// <param name="Live">A site folder built and rebuilt on change (<c>SiteFolderSource</c>), not a release folder.</param>
internal sealed record FolderSourceChoice(string Folder, bool Live)
{
    private const string PathKey = $"{ServeStaticOptions.SectionName}:Folder:Path";

    /// <summary><c>release/</c> beside the app's assembly: where the build puts the release the app ships with.</summary>
    public static string ReleaseBesideApp => Path.Combine(AppContext.BaseDirectory, "release");

    /// <summary>
    /// The release folder a blob source stands in with while its container has no <c>current</c>: <c>ServeStatic:Folder:Path</c>
    /// when set, otherwise <see cref="ReleaseBesideApp"/> when a release is there; null when there is none.
    /// </summary>
    public static string? PackagedRelease(FolderSourceOptions folder) =>
        !string.IsNullOrWhiteSpace(folder.Path) ? folder.Path
        : FolderReleaseStore.IsReleaseFolder(ReleaseBesideApp) ? ReleaseBesideApp
        : null;

    /// <param name="folder">The folder source's settings.</param>
    /// <param name="host">The environment: Development serves a site folder live.</param>
    /// <param name="webRoot">The app's web root (<c>IWebHostEnvironment.WebRootPath</c>), null when it has none.</param>
    /// <exception cref="InvalidOperationException">Nothing can be served; the message names where it looked and what to do.</exception>
    public static FolderSourceChoice Make(FolderSourceOptions folder, IHostEnvironment host, string? webRoot)
    {
        var development = host.IsDevelopment();
        if (!string.IsNullOrWhiteSpace(folder.Path))
        {
            var configured = Path.GetFullPath(folder.Path);
            if (FolderReleaseStore.IsReleaseFolder(configured) || !Directory.Exists(configured) || !Directory.EnumerateFileSystemEntries(configured).Any())
                return new(configured, Live: false);
            return development ? new(configured, Live: true) : throw new InvalidOperationException(
                $"{PathKey}: {configured} is a site folder, not a release (it has no '{ReleaseLayout.Current}'); outside the Development " +
                $"environment (this is {host.EnvironmentName}) a release is served. {HowToBuild(configured)}");
        }
        if (development && webRoot is not null && Directory.Exists(webRoot))
            return new(Path.GetFullPath(webRoot), Live: !FolderReleaseStore.IsReleaseFolder(webRoot));
        if (FolderReleaseStore.IsReleaseFolder(ReleaseBesideApp))
            return new(ReleaseBesideApp, Live: false);
        var webRootNote = development
            ? $", nor a web root folder (wwwroot) in {host.ContentRootPath} to serve live in the Development environment"
            : webRoot is not null && Directory.Exists(webRoot)
                ? $"; the web root {webRoot} is a site folder, served live only in the Development environment (this is {host.EnvironmentName})"
                : "";
        throw new InvalidOperationException(
            $"{PathKey}: not set, and there is no release at {ReleaseBesideApp}{webRootNote}. {HowToBuild(webRoot ?? "<site folder>")}");
    }

    private static string HowToBuild(string site) =>
        $"Build a release with `servestatic build {site} --output <release folder>` and set {PathKey} to that folder, or let the " +
        $"ServeStatic package's build put it beside the app as release/ and leave {PathKey} unset.";
}
