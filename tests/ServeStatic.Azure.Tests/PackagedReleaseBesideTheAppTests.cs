using ServeStatic.Serving;

namespace ServeStatic.Azure.Tests;

/// <summary>
/// The blob source's stand-in without <c>Folder:Path</c>: <c>release/</c> beside the app (here, beside the test assembly), as in
/// the Functions app's package. Alone in its collection, run after the others, so no test runs while the folder is there.
/// </summary>
[Collection(ReleaseBesideTheAppCollection.Name)]
public class PackagedReleaseBesideTheAppTests
{
    [Fact]
    public async Task Without_a_folder_path_an_empty_container_serves_the_release_beside_the_app()
    {
        var beside = FolderSourceChoice.ReleaseBesideApp;
        new TestRelease().Add("/a.txt", "beside the app").WriteTo(beside);
        try
        {
            await using var azurite = await AzuriteServer.StartAsync();
            var container = await azurite.CreateContainerAsync();
            await using var server = await BlobServer.StartAsync(azurite.ConnectionString, container.Name);
            Assert.Equal("beside the app", await server.GetTextAsync("/a.txt"));
        }
        finally
        {
            Directory.Delete(beside, recursive: true);
        }
    }
}

/// <summary>The tests that write <c>release/</c> beside the test assembly: alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReleaseBesideTheAppCollection
{
    public const string Name = "release beside the app";
}
