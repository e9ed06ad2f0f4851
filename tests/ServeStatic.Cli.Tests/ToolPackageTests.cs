namespace ServeStatic.Cli.Tests;

/// <summary>The tool as users get it: packed, installed with <c>dotnet tool install</c>, run as <c>servestatic</c>.</summary>
[Collection(ChildBuildCollection.Name)]
public sealed class ToolPackageTests : IDisposable
{
    private const string PackageId = "ServeStatic.Cli";

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("servestatic-tool-");

    [Fact]
    public async Task The_packed_tool_installs_as_servestatic_and_prints_its_version_and_help()
    {
        var tools = Path.Join(_temp.FullName, "tools");
        var nugetConfig = Path.Join(_temp.FullName, "nuget.config");
        await File.WriteAllTextAsync(nugetConfig, NuGetConfig.WithoutSources);

        var packages = await PackedPackages.FolderAsync();
        var version = PackedPackages.VersionOf(PackageId, await PackedPackages.PackageAsync(PackageId));

        // No version switch: the package version must be one `dotnet tool install` picks by itself.
        (await ChildProcess.RunAsync(_temp.FullName, "dotnet", "tool", "install", "--tool-path", tools,
            "--configfile", nugetConfig, "--add-source", packages, PackageId)).EnsureSucceeded();
        var servestatic = Path.Join(tools, "servestatic");

        var versionRun = await ChildProcess.RunAsync(_temp.FullName, servestatic, "--version");
        Assert.Equal(0, versionRun.ExitCode);
        Assert.Equal(version + "\n", versionRun.Output);
        var helpRun = await ChildProcess.RunAsync(_temp.FullName, servestatic, "--help");
        Assert.Equal(0, helpRun.ExitCode);
        Assert.Contains("Usage:\n  servestatic [command] [options]\n", helpRun.Output, StringComparison.Ordinal);
        Assert.Matches(@"\n  build <site> +Build a site folder", helpRun.Output);
        Assert.DoesNotContain(PackageId, helpRun.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Delete(recursive: true);
}
