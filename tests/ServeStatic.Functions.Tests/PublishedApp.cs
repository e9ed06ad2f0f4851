using System.Diagnostics;

namespace ServeStatic.Functions.Tests;

/// <summary>
/// <c>src/ServeStatic.Functions</c> published once per test run (<c>dotnet publish</c>, which also builds the release of
/// samples/site it ships, ServeStatic.Functions.targets) into a temporary folder that every host of the run starts from.
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
        // BuildProjectReferences=false: the libraries and the CLI were built with this test project, in this configuration;
        // building them again here could race another test project's child build of the same projects.
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "publish", Path.Join("src", "ServeStatic.Functions", "ServeStatic.Functions.csproj"), "-c", Repository.Configuration, "-o", output,
            "--nologo", "-v", "quiet", "-p:BuildProjectReferences=false",
        })
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"`dotnet publish` of src/ServeStatic.Functions did not finish within {Timeout}.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`dotnet publish` of src/ServeStatic.Functions exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
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
