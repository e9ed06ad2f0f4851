namespace ServeStatic.Cli.Tests;

/// <summary>
/// A plain console app in a temporary folder that ships a site's release the way the Functions app does: it references
/// the build runner project and imports the package's real targets (src/ServeStatic/buildTransitive) as
/// ServeStatic.Functions.csproj does, so
/// <c>dotnet build</c> and <c>dotnet publish</c> run those targets without the Functions SDK, whose packages cannot
/// be restored everywhere the tests run. Its site is <c>site/</c> beside the app (<c>../site</c> from the project).
/// </summary>
internal sealed class PackagingApp : IDisposable
{
    private const string TargetFramework = "net10.0";

    private readonly string _root = Directory.CreateTempSubdirectory("servestatic-packaging-").FullName;

    public PackagingApp()
    {
        Site = Path.Join(_root, "site");
        var project = Path.Join(_root, "app");
        Directory.CreateDirectory(project);
        WriteSiteFile("index.html", "<!doctype html><title>Walks</title><link rel=stylesheet href=css/app.css>");
        WriteSiteFile("css/app.css", "body { margin: 0; }");

        File.WriteAllText(Path.Join(_root, "nuget.config"), NuGetConfig.WithoutSources);
        // Empty, so no Directory.Build.* or Directory.Packages.props above the temp folder reaches the app.
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            File.WriteAllText(Path.Join(_root, name), "<Project />");
        File.WriteAllText(Path.Join(project, "Program.cs"), "System.Console.WriteLine(\"app\");\n");
        File.WriteAllText(Path.Join(project, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>{TargetFramework}</TargetFramework>
                <ServeStaticSiteFolder>../site</ServeStaticSiteFolder>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Join(Repository.Root, "src", "ServeStatic.BuildRunner", "ServeStatic.BuildRunner.csproj")}" ReferenceOutputAssembly="false" Private="false" OutputItemType="ServeStaticBuildRunner" />
              </ItemGroup>
              <Import Project="{Path.Join(Repository.Root, "src", "ServeStatic", "buildTransitive", "ServeStatic.targets")}" />
            </Project>
            """);
        var output = Path.Join(project, "bin", Repository.Configuration, TargetFramework);
        OutputRelease = Path.Join(output, "release");
        PublishRelease = Path.Join(output, "publish", "release");
        Stamp = Path.Join(project, "obj", Repository.Configuration, TargetFramework, "servestatic", "release.stamp");
        ProjectFolder = project;
    }

    public string Site { get; }

    public string ProjectFolder { get; }

    /// <summary>release/ in the build output folder.</summary>
    public string OutputRelease { get; }

    /// <summary>release/ in the default publish folder.</summary>
    public string PublishRelease { get; }

    /// <summary>The file the targets touch each time they run the release build.</summary>
    public string Stamp { get; }

    public void WriteSiteFile(string relativePath, string text)
    {
        var path = Path.Join(Site, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <param name="properties">MSBuild properties, <c>Name=Value</c>.</param>
    public Task<ChildProcess> BuildAsync(params string[] properties) => RunDotnetAsync("build", properties);

    /// <param name="properties">MSBuild properties, <c>Name=Value</c>.</param>
    public Task<ChildProcess> PublishAsync(params string[] properties) => RunDotnetAsync("publish", properties);

    // The runner was built by this test run's own build, in this configuration: BuildProjectReferences=false only asks it for
    // its path, so a child build never rebuilds it. RestoreRecursive=false restores the app alone, leaving the
    // repository's obj folders as the run's own restore left them. -v:n shows the runner's output ("built release …").
    private Task<ChildProcess> RunDotnetAsync(string command, string[] properties) =>
        ChildProcess.RunAsync(ProjectFolder, "dotnet", [command, "-c", Repository.Configuration,
            "-p:BuildProjectReferences=false", "-p:RestoreRecursive=false", "-v:n", "-nologo", .. properties.Select(p => "-p:" + p)]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
