using System.Net;
using ServeStatic.Azure.Tests.Azurite;

namespace ServeStatic.Azure.Tests;

/// <summary>
/// A page of a newer release reaching an instance that has not switched yet (its poll has not come round): a miss on a
/// fingerprinted name loads <c>current</c> once, rate-limited, before answering 404.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class RollingDeployTests(AzuriteFixture azurite)
{
    private static readonly WrittenRelease First = TestRelease.Write(("/index.html", "<title>one</title>"), ("/css/app.aaaaaaaa.css", "one"));
    private static readonly WrittenRelease Second = TestRelease.Write(("/index.html", "<title>two</title>"), ("/css/app.bbbbbbbb.css", "two"), ("/new.txt", "new"));
    private static readonly WrittenRelease Third = TestRelease.Write(("/index.html", "<title>three</title>"), ("/css/app.cccccccc.css", "three"));

    /// <summary>A server that never polls within the test, so only a miss can make it look at <c>current</c>.</summary>
    private async Task<(global::Azure.Storage.Blobs.BlobContainerClient, BlobServer)> ServeWithoutPollingAsync(string missRefreshSeconds)
    {
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(First.Folder, activate: true);
        var server = await BlobServer.StartAsync(azurite.Server.ConnectionString, container.Name,
            ("Blob:PollSeconds", "3600"), ("MissRefreshSeconds", missRefreshSeconds));
        return (container, server);
    }

    [Fact]
    public async Task A_miss_on_a_fingerprinted_name_of_a_newer_release_loads_it_before_answering()
    {
        var (container, server) = await ServeWithoutPollingAsync("60");
        await using var _ = server;
        await new ReleasePublisher(container).PublishAsync(Second.Folder, activate: true);

        using var plainMiss = await server.GetAsync("/new.txt");
        Assert.Equal(HttpStatusCode.NotFound, plainMiss.StatusCode); // not fingerprinted: no refresh
        Assert.Equal("two", await server.GetTextAsync("/css/app.bbbbbbbb.css"));
        Assert.Contains("<title>two</title>", await server.GetTextAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Misses_on_fingerprinted_names_refresh_at_most_once_per_interval()
    {
        var (container, server) = await ServeWithoutPollingAsync("3600");
        await using var _ = server;
        using var unknown = await server.GetAsync("/css/app.dddddddd.css");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode); // this miss used the one refresh of the hour

        await new ReleasePublisher(container).PublishAsync(Third.Folder, activate: true);
        using var rateLimited = await server.GetAsync("/css/app.cccccccc.css");

        Assert.Equal(HttpStatusCode.NotFound, rateLimited.StatusCode);
        Assert.Contains("<title>one</title>", await server.GetTextAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_refresh_off_a_fingerprinted_miss_is_a_plain_404()
    {
        var (container, server) = await ServeWithoutPollingAsync("0");
        await using var _ = server;
        await new ReleasePublisher(container).PublishAsync(Second.Folder, activate: true);

        using var response = await server.GetAsync("/css/app.bbbbbbbb.css");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
