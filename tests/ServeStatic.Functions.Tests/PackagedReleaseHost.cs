
namespace ServeStatic.Functions.Tests;

/// <summary>One host for the whole <see cref="PackagedReleaseCollection"/>: the published app with no app settings, so it serves the release in its package (samples/site).</summary>
public sealed class PackagedReleaseHost : IAsyncLifetime
{
    private FunctionsHost? _host;

    internal FunctionsHost Host => _host ?? throw new InvalidOperationException("The Functions host was not started.");

    /// <summary>The bytes of a file of samples/site, the site whose release the app ships.</summary>
    public static byte[] SiteFile(string urlPath) => File.ReadAllBytes(Path.Join(Repository.SampleSite, urlPath.TrimStart('/')));

    public async Task InitializeAsync() => _host = await FunctionsHost.StartAsync(await PublishedApp.FolderAsync());

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PackagedReleaseCollection : ICollectionFixture<PackagedReleaseHost>
{
    public const string Name = "packaged release under a Functions host";
}
