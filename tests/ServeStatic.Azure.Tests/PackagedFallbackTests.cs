using System.Net;
using Microsoft.Extensions.Options;
using ServeStatic.Azure.Tests.Azurite;
using ServeStatic.Index;

namespace ServeStatic.Azure.Tests;

/// <summary>
/// The blob source with a release folder beside the app (<c>Folder:Path</c>, as the Functions app always has): a container
/// without <c>current</c> (a fresh deployment) serves the packaged release instead of 503, until a release is activated.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class PackagedFallbackTests(AzuriteFixture azurite)
{
    private static readonly WrittenRelease Packaged = TestRelease.Write(
        ("/index.html", "<title>packaged</title>"),
        ("/css/app.aaaaaaaa.css", "packaged"));

    private static readonly WrittenRelease Published = TestRelease.Write(
        ("/index.html", "<title>published</title>"),
        ("/css/app.bbbbbbbb.css", "published"));

    private static Task<BlobServer> ServeAsync(global::Azure.Storage.Blobs.BlobContainerClient container, AzuriteServer storage, params (string, string)[] settings) =>
        BlobServer.StartAsync(storage.ConnectionString, container.Name, [("Folder:Path", Packaged.Folder), .. settings]);

    [Fact]
    public async Task An_empty_container_serves_the_packaged_release_and_health_is_200()
    {
        var container = await azurite.Server.CreateContainerAsync();
        await using var server = await ServeAsync(container, azurite.Server);

        Assert.Equal("<title>packaged</title>", await server.GetTextAsync("/"));
        Assert.Equal("packaged", await server.GetTextAsync("/css/app.aaaaaaaa.css"));
        using var health = await server.GetAsync("/.servestatic/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(server.Logs.Contains(
            $"blob container '{container.Name}' of account 'devstoreaccount1' (http://127.0.0.1:{azurite.Server.Port}) has no current release yet; " +
            $"serving the packaged release {Packaged.Id} from folder {Packaged.Folder} until one is activated there"));
    }

    [Fact]
    public async Task A_release_activated_in_the_container_replaces_the_packaged_one_without_a_restart()
    {
        var container = await azurite.Server.CreateContainerAsync();
        await using var server = await ServeAsync(container, azurite.Server);
        Assert.Equal("<title>packaged</title>", await server.GetTextAsync("/"));

        await new ReleasePublisher(container).PublishAsync(Published.Folder, activate: true);

        await Eventually.TrueAsync(async () => await server.GetTextAsync("/") == "<title>published</title>", "the container's release is served");
        Assert.Equal("published", await server.GetTextAsync("/css/app.bbbbbbbb.css"));
        Assert.True(server.Logs.Contains($"Serving release {Published.Id} (2 assets) from blob container '{container.Name}'"));
    }

    [Fact]
    public async Task Once_a_container_release_was_served_a_deleted_current_keeps_it_serving_and_never_the_package()
    {
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(Published.Folder, activate: true);
        await using var server = await ServeAsync(container, azurite.Server);
        Assert.Equal("<title>published</title>", await server.GetTextAsync("/"));

        await container.GetBlobClient(ReleaseLayout.Current).DeleteAsync();

        await Eventually.TrueAsync(
            () => Task.FromResult(server.Logs.Contains($"release {Published.Id} keeps serving")), "the missing 'current' is logged");
        Assert.True(server.Logs.Contains("there is no 'current' blob"));
        Assert.Equal("<title>published</title>", await server.GetTextAsync("/"));
        Assert.False(server.Logs.Contains("serving the packaged release"));
    }

    [Fact]
    public async Task With_the_fallback_turned_off_an_empty_container_answers_503()
    {
        var container = await azurite.Server.CreateContainerAsync();
        await using var server = await ServeAsync(container, azurite.Server, ("StartupWaitSeconds", "1"), ("Blob:ServeFolderUntilCurrent", "false"));

        using var page = await server.GetAsync("/");
        using var health = await server.GetAsync("/.servestatic/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.False(server.Logs.Contains("serving the packaged release"));
    }

    [Fact]
    public async Task A_fallback_setting_that_is_not_true_or_false_stops_the_start_naming_its_key()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            BlobServer.StartAsync("UseDevelopmentStorage=true", "site", ("Blob:ServeFolderUntilCurrent", "sometimes")));

        Assert.Contains("'ServeStatic:Blob:ServeFolderUntilCurrent'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'sometimes'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blob_setting_out_of_range_stops_the_start_with_one_message_naming_it()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            BlobServer.StartAsync("UseDevelopmentStorage=true", "site", ("Blob:PollSeconds", "0")));

        Assert.Equal("ServeStatic:Blob:PollSeconds: must be positive", e.Message);
    }

    [Fact]
    public async Task Blob_settings_are_not_read_when_the_source_is_a_folder()
    {
        await using var server = await BlobServer.StartAsync("", "", ("Source", "Folder"), ("Folder:Path", Packaged.Folder),
            ("Blob:ServeFolderUntilCurrent", "sometimes"), ("Blob:PollSeconds", "0"));

        Assert.Equal("<title>packaged</title>", await server.GetTextAsync("/"));
    }
}
