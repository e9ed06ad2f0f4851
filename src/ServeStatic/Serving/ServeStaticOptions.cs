using ServeStatic.Sources;

namespace ServeStatic.Serving;

/// <summary>
/// How releases are found and answered. Bound from the <c>ServeStatic</c> configuration section or set in code; checked by
/// <see cref="ServeStaticOptionsValidator"/> when the host starts.
/// </summary>
public sealed class ServeStaticOptions
{
    public const string SectionName = "ServeStatic";

    private string? _spaFallback;
    private string? _notFoundPage;

    /// <summary>Where releases come from. The folder source is registered by the core; the blob source by <c>ServeStatic.Azure</c>.</summary>
    public ReleaseSourceKind Source { get; set; } = ReleaseSourceKind.Folder;

    /// <summary>
    /// The folder source's settings (<c>ServeStatic:Folder:Path</c>: a release folder, the one holding <c>current</c>; unset, the
    /// release beside the app, or in the Development environment the app's <c>wwwroot</c>, live: <see cref="FolderSourceChoice"/>).
    /// </summary>
    public FolderSourceOptions Folder { get; } = new();

    /// <summary>Answers 200 once a release is loaded, 503 before. A dot-segment keeps it apart from every site path.</summary>
    public string HealthPath { get; set; } = "/.servestatic/health";

    /// <summary><c>max-age</c> of assets whose name does not carry a content hash (like WhiteNoise, 60 s; never <c>no-cache</c> by default, which Azure Front Door does not cache).</summary>
    public int MaxAgeSeconds { get; set; } = 60;

    /// <summary>
    /// The <c>max-age</c> of a 404 (default 60 s), so a CDN neither guesses nor keeps it long. A 404 for a fingerprinted-looking
    /// name is always <c>no-store</c>: it is most likely an asset of a release another instance already serves.
    /// </summary>
    public int NotFoundMaxAgeSeconds { get; set; } = 60;

    /// <summary>Treat a name with a dot-separated run of at least 8 hex digits before the extension (<c>vendor.0123456789ab.js</c>) as fingerprinted, hence immutable.</summary>
    public bool ImmutableHexNames { get; set; } = true;

    /// <summary>The <c>Access-Control-Allow-Origin</c> value; empty sends none. Fonts and modules loaded through a CDN need it.</summary>
    public string AccessControlAllowOrigin { get; set; } = "*";

    /// <summary>Send the <c>Link</c> header of preload links the build recorded for an HTML page (docs/preload-hints.md); false sends none.</summary>
    public bool PreloadHints { get; set; } = true;

    /// <summary>Extra headers per glob, applied in order (e.g. <c>*.html</c> → <c>Cache-Control: no-cache</c>).</summary>
    public IList<HeaderRule> HeaderRules { get; } = [];

    /// <summary>
    /// Off by default. The asset (e.g. <c>/index.html</c>) answered for a GET or HEAD of a path whose last segment has no extension and
    /// matches nothing. Applies to the terminal forms (<c>MapServeStatic</c>, <c>RespondAsync</c>); the middleware passes misses on.
    /// Empty is off, as null is (an app setting cannot be null).
    /// </summary>
    public string? SpaFallback { get => _spaFallback; set => _spaFallback = NullIfEmpty(value); }

    /// <summary>Off by default (null or empty). The asset (e.g. <c>/404.html</c>) sent with status 404 for a miss, in the terminal forms.</summary>
    public string? NotFoundPage { get => _notFoundPage; set => _notFoundPage = NullIfEmpty(value); }

    /// <summary>A representation at most this large is held in memory (read just after its release starts serving), while <see cref="MemoryBudgetBytes"/> lasts.</summary>
    public long MaxInMemoryBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// The total of bodies held in memory per release; larger or later ones are streamed from the content store. Unset (null),
    /// the content store decides: <see cref="IContentStore.StandardMemoryBudgetBytes"/> for a folder, 0 for a blob container, whose store
    /// caches bodies on first use instead of downloading every small one at each warm start.
    /// </summary>
    public long? MemoryBudgetBytes { get; set; }

    /// <summary>
    /// How long start-up waits for the first release. A request that arrives while none is loaded waits for what remains of
    /// that window, then gets 503; once the window has passed, such a request gets 503 at once (never a whole wait each).
    /// </summary>
    public int StartupWaitSeconds { get; set; } = 10;

    /// <summary>The <c>Retry-After</c> of a 503, and the pause between attempts to load a first release.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// At most how often a miss on a fingerprinted-looking name (<c>app.3f2a9c1b.css</c>) loads the current release before answering
    /// 404, so a page of a release this instance has not switched to yet still gets its assets; 0 turns it off.
    /// </summary>
    public int MissRefreshSeconds { get; set; } = 10;

    /// <summary>
    /// Compression dictionary transport (RFC 9842, docs/dictionary-transport.md): compressible responses carry
    /// <c>Use-As-Dictionary</c>, and a client that names the previous version of a file in <c>Available-Dictionary</c> gets
    /// the build's dcz delta against it. Off by default: a shared cache that does not key on <c>Available-Dictionary</c>
    /// would hand a delta to a client without the dictionary.
    /// </summary>
    public bool DictionaryTransport { get; set; }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>The folder source's settings.</summary>
public sealed class FolderSourceOptions
{
    /// <summary>
    /// The release folder: the one that holds <c>current</c>, <c>releases/</c> and <c>content/</c>. Unset, <c>release/</c> beside the
    /// app (where the build puts it). In the Development environment a site folder here, or unset the app's <c>wwwroot</c>, is
    /// served live, rebuilt on change; elsewhere a site folder stops the host's start (<see cref="FolderSourceChoice"/>).
    /// </summary>
    public string? Path { get; set; }

    /// <summary>How often to look at <c>current</c> for a new release, in seconds; 0 (the default, for a package folder that never changes) never looks.</summary>
    public int PollSeconds { get; set; }

    /// <summary>
    /// How many of the newest other releases in the folder keep their fingerprinted assets servable after a switch (default 2), so
    /// HTML cached before it still finds its CSS and JS. A package carries them when its build keeps its release folder (docs/deploy.md).
    /// </summary>
    public int PreviousReleases { get; set; } = FolderSource.DefaultPreviousReleases;
}
