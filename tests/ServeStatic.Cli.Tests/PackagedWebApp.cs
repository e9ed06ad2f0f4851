namespace ServeStatic.Cli.Tests;

/// <summary>
/// A new ASP.NET Core app (Microsoft.NET.Sdk.Web) in a temporary folder, as a user makes one: a <c>wwwroot</c> and a
/// reference to the <c>ServeStatic</c> package, restored only from the packed packages and this machine's global packages
/// folder (as a folder feed), into a packages folder of its own, so nothing needs the network and no package of the
/// machine's folder is replaced by the one under test.
/// </summary>
internal sealed class PackagedWebApp : IDisposable
{
    private const string TargetFramework = "net10.0";

    private readonly string _root = Directory.CreateTempSubdirectory("servestatic-webapp-").FullName;

    public PackagedWebApp(string packages, string version)
    {
        ProjectFolder = Path.Join(_root, "app");
        Directory.CreateDirectory(ProjectFolder);
        WriteSiteFile("index.html", "<!doctype html><title>Walks</title><link rel=stylesheet href=css/app.css>");
        WriteSiteFile("css/app.css", "body { margin: 0; }");

        File.WriteAllText(Path.Join(_root, "nuget.config"), NuGetConfig.WithSources(packages, NuGetConfig.MachinePackagesFolder));
        // Empty, so no Directory.Build.* or Directory.Packages.props above the temp folder reaches the app.
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            File.WriteAllText(Path.Join(_root, name), "<Project />");
        File.WriteAllText(Path.Join(ProjectFolder, "Program.cs"), """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddServeStatic(builder.Configuration.GetSection("ServeStatic"));
            var app = builder.Build();
            app.UseServeStatic();
            app.Run();
            """);
        File.WriteAllText(Path.Join(ProjectFolder, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>{TargetFramework}</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RestorePackagesPath>{Path.Join(_root, "packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ServeStatic" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        var output = Path.Join(ProjectFolder, "bin", "Release", TargetFramework);
        OutputRelease = Path.Join(output, "release");
        PublishFolder = Path.Join(output, "publish");
        Stamp = Path.Join(ProjectFolder, "obj", "Release", TargetFramework, "servestatic", "release.stamp");
    }

    public string ProjectFolder { get; }

    public string Site => Path.Join(ProjectFolder, "wwwroot");

    /// <summary>release/ in the build output folder.</summary>
    public string OutputRelease { get; }

    /// <summary>The default publish folder.</summary>
    public string PublishFolder { get; }

    /// <summary>The file the targets touch each time they run the release build.</summary>
    public string Stamp { get; }

    public void WriteSiteFile(string relativePath, string text)
    {
        var path = Path.Join(Site, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <param name="arguments">More arguments, such as <c>-p:Name=Value</c> or <c>-o folder</c>.</param>
    public Task<ChildProcess> BuildAsync(params string[] arguments) => RunDotnetAsync("build", arguments);

    /// <param name="arguments">More arguments, such as <c>-p:Name=Value</c> or <c>-o folder</c>.</param>
    public Task<ChildProcess> PublishAsync(params string[] arguments) => RunDotnetAsync("publish", arguments);

    // -v:n shows the build runner's output ("built release …").
    private Task<ChildProcess> RunDotnetAsync(string command, string[] arguments) =>
        ChildProcess.RunAsync(ProjectFolder, "dotnet", [command, "-c", "Release", "-v:n", "-nologo", .. arguments], environment: null, TimeSpan.FromMinutes(5));

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
