using System.Net;
using System.Text;
using ServeStatic.Azure.Tests.Azurite;
using ServeStatic.Index;

namespace ServeStatic.Azure.Tests;

/// <summary>Publish to Azurite, serve over HTTP from the container: the end-to-end path of a blob-backed site.</summary>
[Collection(AzuriteCollection.Name)]
public class BlobServingTests(AzuriteFixture azurite)
{
    private static readonly WrittenRelease First = TestRelease.Write(
        ("/index.html", "<!doctype html><title>one</title><link rel=stylesheet href=/css/app.aaaaaaaa.css>"),
        ("/css/app.aaaaaaaa.css", "body { color: red }"),
        ("/only-first.txt", "not fingerprinted"));

    private static readonly WrittenRelease Second = TestRelease.Write(
        ("/index.html", "<!doctype html><title>two</title><link rel=stylesheet href=/css/app.bbbbbbbb.css>"),
        ("/css/app.bbbbbbbb.css", "body { color: green }"));

    private async Task<(global::Azure.Storage.Blobs.BlobContainerClient Container, BlobServer Server)> ServeAsync(WrittenRelease release, params (string, string)[] settings)
    {
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(release.Folder, activate: true);
        return (container, await BlobServer.StartAsync(azurite.Server.ConnectionString, container.Name, settings));
    }

    [Fact]
    public async Task A_published_release_is_served_over_http_from_the_container()
    {
        var (_, server) = await ServeAsync(First);
        await using var _ = server;

        using var response = await server.GetAsync("/css/app.aaaaaaaa.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("body { color: red }", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/css; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
        Assert.True(server.Logs.Contains($"Serving release {First.Id}"));
    }

    [Fact]
    public async Task A_compressed_variant_is_served_from_its_own_blob()
    {
        var (_, server) = await ServeAsync(First);
        await using var _ = server;

        using var response = await server.GetAsync("/", ("Accept-Encoding", "gzip"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        var gzip = First.Asset("/index.html").Variants[1];
        Assert.Equal(gzip.Sha256, TestRelease.Sha256(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_range_of_a_large_blob_is_read_from_storage_as_a_range()
    {
        var big = new byte[200_000];
        new Random(7).NextBytes(big);
        var release = TestRelease.Write(("/video.bin", big));
        var (_, server) = await ServeAsync(release, ("Blob:MaxCachedBodyBytes", "1000"));
        await using var _ = server;

        using var response = await server.GetAsync("/video.bin", ("Range", "bytes=150000-150099"));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(big[150_000..150_100], await response.Content.ReadAsByteArrayAsync());
        using var whole = await server.GetAsync("/video.bin");
        Assert.Equal(big, await whole.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_new_activation_is_served_without_a_restart_and_requests_keep_succeeding_meanwhile()
    {
        var (container, server) = await ServeAsync(First);
        await using var _ = server;
        await new ReleasePublisher(container).PublishAsync(Second.Folder, activate: false);
        using var load = new CancellationTokenSource();
        var failures = new List<string>();
        var served = 0;
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                using var response = await server.GetAsync("/");
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK || !(body.Contains("<title>one</title>", StringComparison.Ordinal) || body.Contains("<title>two</title>", StringComparison.Ordinal)))
                    lock (failures) failures.Add($"{(int)response.StatusCode} {body}");
                Interlocked.Increment(ref served);
            }
        })).ToArray();

        await Eventually.TrueAsync(() => Volatile.Read(ref served) > 50, "the clients got going");
        await new ReleaseManager(container).ActivateAsync(Second.Id);
        await Eventually.TrueAsync(async () => (await server.GetTextAsync("/")).Contains("<title>two</title>", StringComparison.Ordinal), "the new release is served");
        var before = Volatile.Read(ref served);
        await Eventually.TrueAsync(() => Volatile.Read(ref served) > before + 50, "the clients went on after the switch");
        await load.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Fingerprinted_assets_of_the_previous_release_stay_servable_after_a_switch_and_others_do_not()
    {
        var (container, server) = await ServeAsync(First);
        await using var _ = server;

        await new ReleasePublisher(container).PublishAsync(Second.Folder, activate: true);
        await Eventually.TrueAsync(async () => (await server.GetTextAsync("/")).Contains("<title>two</title>", StringComparison.Ordinal), "the new release is served");

        Assert.Equal("body { color: green }", await server.GetTextAsync("/css/app.bbbbbbbb.css"));
        Assert.Equal("body { color: red }", await server.GetTextAsync("/css/app.aaaaaaaa.css"));
        using var gone = await server.GetAsync("/only-first.txt");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Previous_releases_beyond_the_configured_number_are_not_kept()
    {
        var third = TestRelease.Write(("/index.html", "<title>three</title>"), ("/css/app.cccccccc.css", "three"));
        var (container, server) = await ServeAsync(First, ("Blob:PreviousReleases", "1"));
        await using var _ = server;

        await new ReleasePublisher(container).PublishAsync(Second.Folder, activate: true);
        await new ReleasePublisher(container).PublishAsync(third.Folder, activate: true);
        await Eventually.TrueAsync(async () => (await server.GetTextAsync("/")).Contains("three", StringComparison.Ordinal), "the third release is served");

        Assert.Equal("body { color: green }", await server.GetTextAsync("/css/app.bbbbbbbb.css"));
        using var tooOld = await server.GetAsync("/css/app.aaaaaaaa.css");
        Assert.Equal(HttpStatusCode.NotFound, tooOld.StatusCode);
    }

    [Fact]
    public async Task An_index_that_does_not_parse_is_refused_and_logged_and_the_previous_release_keeps_serving()
    {
        var (container, server) = await ServeAsync(First);
        await using var _ = server;
        const string bad = "0badc0ffee000000";
        await container.GetBlobClient(ReleaseLayout.IndexPath(bad)).UploadAsync(BinaryData.FromString("{\"schemaVersion\": 1, \"assets\": [{\"path\": 7}]}"));

        await container.GetBlobClient(ReleaseLayout.Current).UploadAsync(BinaryData.FromString(bad + "\n"), overwrite: true);
        await Eventually.TrueAsync(() => server.Logs.Contains($"Refused release {bad}"), "the bad index is refused");

        Assert.Contains("<title>one</title>", await server.GetTextAsync("/"), StringComparison.Ordinal);
        using var health = await server.GetAsync("/.servestatic/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task An_index_that_breaks_the_schema_is_refused_and_the_previous_release_keeps_serving()
    {
        var (container, server) = await ServeAsync(First);
        await using var _ = server;
        var broken = First.Index with { Assets = [First.Index.Assets[0] with { Variants = [First.Index.Assets[0].Variants[0] with { Key = "../escape" }] }] };
        const string bad = "0badc0ffee000001";
        await container.GetBlobClient(ReleaseLayout.IndexPath(bad)).UploadAsync(BinaryData.FromBytes(IndexSerializer.Serialize(broken)));

        await container.GetBlobClient(ReleaseLayout.Current).UploadAsync(BinaryData.FromString(bad + "\n"), overwrite: true);
        await Eventually.TrueAsync(() => server.Logs.Contains("not a safe content name"), "the bad index is refused");

        Assert.Contains("<title>one</title>", await server.GetTextAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_content_blob_is_never_served()
    {
        var (container, server) = await ServeAsync(First);
        await using var _ = server;
        var css = First.Asset("/css/app.aaaaaaaa.css").Variants[0];
        await container.GetBlobClient(ReleaseLayout.ContentPath(css.Key)).UploadAsync(BinaryData.FromString("body { color: 0xbad }"), overwrite: true);

        using var response = await server.GetAsync("/css/app.aaaaaaaa.css");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain("0xbad", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(server.Logs.Contains($"content/{css.Key} in container '{container.Name}'"));
    }

    [Fact]
    public async Task A_tampered_large_blob_is_never_served_not_even_a_range()
    {
        var big = Encoding.ASCII.GetBytes(new string('a', 100_000));
        var release = TestRelease.Write(("/big.txt", big));
        var (container, server) = await ServeAsync(release, ("Blob:MaxCachedBodyBytes", "1000"));
        await using var _ = server;
        var identity = release.Asset("/big.txt").Variants[0];
        await container.GetBlobClient(ReleaseLayout.ContentPath(identity.Key)).UploadAsync(BinaryData.FromString(new string('b', 100_000)), overwrite: true);

        using var range = await server.GetAsync("/big.txt", ("Range", "bytes=0-9"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, range.StatusCode);
        Assert.DoesNotContain("b", await range.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
