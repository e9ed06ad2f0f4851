using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ServeStatic.Build;
using ServeStatic.Fingerprinting;
using ServeStatic.Index;
using ServeStatic.Serving;

namespace ServeStatic.Interop.Tests.Origin;

/// <summary>
/// The origin: <c>samples/site</c> built as a release (fingerprinted, with SRI, precompressed) into a real release folder
/// and served by Kestrel on 127.0.0.1 with a free port, counting every request it answers.
/// </summary>
internal sealed class SampleOrigin : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private SampleOrigin(TempFolder folder, ServerUnderTest server, OriginRequests requests, BuildResult release)
    {
        _folder = folder;
        Server = server;
        Requests = requests;
        Release = release;
    }

    public ServerUnderTest Server { get; }

    public Uri Address => Server.Address;

    public OriginRequests Requests { get; }

    /// <summary>The release the origin started with.</summary>
    public BuildResult Release { get; }

    public static async Task<SampleOrigin> StartAsync(Action<ServeStaticOptions>? configure = null)
    {
        var folder = new TempFolder();
        var release = await BuildAsync(Repository.SampleSite, folder.Path);
        var requests = new OriginRequests();
        var server = await ServerUnderTest.StartAsync(services =>
        {
            services.AddSingleton<IStartupFilter>(requests);
            services.AddServeStatic(options =>
            {
                options.Folder.Path = folder.Path;
                configure?.Invoke(options);
            });
        });
        return new SampleOrigin(folder, server, requests, release);
    }

    /// <summary>Builds <paramref name="site"/> as one more release into the origin's folder, which makes it current.</summary>
    public Task<BuildResult> DeployAsync(string site) => BuildAsync(site, _folder.Path);

    private static Task<BuildResult> BuildAsync(string site, string folder) => ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site)
    {
        Fingerprint = new FingerprintOptions { Strict = true, SubresourceIntegrity = true },
        Compression = PrecompressionLevel.Fast,
    }, folder);

    /// <summary>The identity bytes of an asset of the first release, read from the release folder.</summary>
    public byte[] Original(string path) => File.ReadAllBytes(Path.Combine(_folder.Path, ReleaseLayout.ContentPath(Asset(path).Variants[0].Key)));

    public AssetRecord Asset(string path) => Release.Index.Assets.Single(asset => asset.Path == path);

    /// <summary>The first release's fingerprinted asset whose unfingerprinted name was <paramref name="prefix"/>…<paramref name="extension"/>, e.g. <c>/css/app.</c>, <c>.css</c>.</summary>
    public string Fingerprinted(string prefix, string extension) =>
        Release.Index.Assets.Single(asset => asset.Immutable && asset.Path.StartsWith(prefix, StringComparison.Ordinal) && asset.Path.EndsWith(extension, StringComparison.Ordinal)
            && asset.Path.Count(c => c == '.') == 2).Path;

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _folder.Dispose();
    }
}
