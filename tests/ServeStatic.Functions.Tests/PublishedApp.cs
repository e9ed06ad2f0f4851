namespace ServeStatic.Functions.Tests;

/// <summary>
/// <c>src/ServeStatic.Functions</c> published once per test run (<c>dotnet publish</c>, which also builds the release of
/// samples/site it ships, the ServeStatic package's build integration) into a temporary folder that every host of the run starts from.
/// </summary>
internal static class PublishedApp
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync);

    /// <summary>The publish folder (its <c>release/</c> is the packaged release).</summary>
    public static Task<string> FolderAsync() => Folder.Value;

    private static async Task<string> PublishAsync()
    {
        var output = Directory.CreateTempSubdirectory("servestatic-functions-app-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(output);
        // BuildProjectReferences=false: the libraries and the build runner were built with this test project, in this configuration;
        // building them again here could race another test project's child build of the same projects.
        (await ChildProcess.RunAsync(Repository.Root, "dotnet",
        [
            "publish", Path.Join("src", "ServeStatic.Functions", "ServeStatic.Functions.csproj"), "-c", Repository.Configuration, "-o", output,
            "--nologo", "-v", "quiet", "-p:BuildProjectReferences=false",
        ], environment: null, Timeout)).EnsureSucceeded();
        return output;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; harmless.
        }
    }
}
