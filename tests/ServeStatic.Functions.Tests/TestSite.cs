using ServeStatic.Build;

namespace ServeStatic.Functions.Tests;

/// <summary>A site folder written from a few files and built into a release folder with the real build (quick compression).</summary>
internal sealed class TestSite : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("servestatic-functions-site-").FullName;

    public string ReleaseFolder => Path.Combine(_root, "release");

    /// <summary>Writes the files as the site (replacing the previous ones) and builds them into <see cref="ReleaseFolder"/>, which then holds one more release.</summary>
    public Task<BuildResult> BuildAsync(params (string UrlPath, byte[] Bytes)[] files) => BuildAsync(fingerprint: false, files);

    /// <param name="fingerprint">Build as <c>servestatic build --fingerprint</c> does.</param>
    public async Task<BuildResult> BuildAsync(bool fingerprint, params (string UrlPath, byte[] Bytes)[] files)
    {
        var site = Path.Combine(_root, "site");
        if (Directory.Exists(site))
            Directory.Delete(site, recursive: true);
        foreach (var (urlPath, bytes) in files)
        {
            var path = Path.Combine(site, urlPath.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes);
        }
        return await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site)
        {
            Compression = PrecompressionLevel.Fast,
            Fingerprint = fingerprint ? new Fingerprinting.FingerprintOptions() : null,
        }, ReleaseFolder);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a host shutting down; the OS cleans temp folders.
        }
    }
}
