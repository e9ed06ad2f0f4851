using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServeStatic.Azure.Tests.Azurite;
using ServeStatic.Serving;

namespace ServeStatic.Azure.Tests;

/// <summary>
/// Whether small bodies are copied into memory when a release from a container loads (<c>ServeStatic:MemoryBudgetBytes</c>).
/// Storage is stopped once the copy (made in the background after the release serves) has ended: a body copied is still
/// served, one that was not gets 503.
/// </summary>
public class BlobMemoryBudgetTests
{
    private static readonly WrittenRelease Site = TestRelease.Write(("/app.css", "body { color: navy }"));

    private static async Task<HttpStatusCode> StatusWithStorageStoppedAsync(Action<IServiceCollection>? configure, params (string Key, string Value)[] settings)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var container = await azurite.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(Site.Folder, activate: true);
        await using var server = await BlobServer.StartAsync(azurite.ConnectionString, container.Name, configure, settings);
        using (var health = await server.GetAsync("/.servestatic/health"))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await Eventually.TrueAsync(() => server.Logs.Contains(" held in memory in "), "the small bodies are copied into memory");

        await azurite.StopAsync();

        using var response = await server.GetAsync("/app.css");
        return response.StatusCode;
    }

    [Fact]
    public async Task Unset_a_container_release_copies_no_bodies_at_load_they_are_fetched_on_first_use() =>
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusWithStorageStoppedAsync(configure: null));

    [Fact]
    public async Task A_budget_set_in_configuration_copies_small_bodies_at_load() =>
        Assert.Equal(HttpStatusCode.OK, await StatusWithStorageStoppedAsync(configure: null, ("MemoryBudgetBytes", "1048576")));

    [Fact]
    public async Task A_budget_set_in_code_after_the_blob_registration_is_honoured() =>
        Assert.Equal(HttpStatusCode.OK, await StatusWithStorageStoppedAsync(
            services => services.Configure<ServeStaticOptions>(options => options.MemoryBudgetBytes = 1024 * 1024)));
}
