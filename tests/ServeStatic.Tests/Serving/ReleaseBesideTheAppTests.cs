using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServeStatic.Serving;

namespace ServeStatic.Tests.Serving;

/// <summary>
/// With no <c>ServeStatic:Folder:Path</c>, <c>AddServeStatic()</c> serves <c>release/</c> beside the app (here, beside the test
/// assembly). Every test that depends on whether that folder exists is in this collection, alone and after the others, so none
/// runs while another changes it.
/// </summary>
[Collection(ReleaseBesideTheAppCollection.Name)]
public class ReleaseBesideTheAppTests
{
    [Fact]
    public async Task Without_configuration_the_release_beside_the_app_is_served()
    {
        using var beside = new ReleaseBesideTheApp();
        await using var server = await ServerUnderTest.StartAsync(services => services.AddServeStatic(), Hosting.Middleware);
        using var response = await server.GetAsync("/a.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("beside the app", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_configuration_or_a_release_beside_the_app_the_start_stops_naming_where_it_looked()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerUnderTest.StartAsync(services => services.AddServeStatic()));
        Assert.StartsWith($"ServeStatic:Folder:Path: not set, and there is no release at {FolderSourceChoice.ReleaseBesideApp}. Build a release with", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_without_configuration_a_release_or_a_web_root_the_start_stops_naming_both_places()
    {
        using var app = new TempFolder();
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServerUnderTest.StartAsync(services => services.AddServeStatic(), environment: "Development", contentRoot: app.Path));
        Assert.StartsWith($"ServeStatic:Folder:Path: not set, and there is no release at {FolderSourceChoice.ReleaseBesideApp}, " +
            $"nor a web root folder (wwwroot) in {app.Path} to serve live in the Development environment.", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A release written to <c>release/</c> beside the test assembly, deleted afterwards.</summary>
    private sealed class ReleaseBesideTheApp : IDisposable
    {
        public ReleaseBesideTheApp() => new TestRelease().Add("/a.txt", "beside the app").WriteTo(FolderSourceChoice.ReleaseBesideApp);

        public void Dispose() => Directory.Delete(FolderSourceChoice.ReleaseBesideApp, recursive: true);
    }
}

/// <summary>The tests that write <c>release/</c> beside the test assembly: alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReleaseBesideTheAppCollection
{
    public const string Name = "release beside the app";
}
