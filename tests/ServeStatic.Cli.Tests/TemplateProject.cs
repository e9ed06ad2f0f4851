namespace ServeStatic.Cli.Tests;

/// <summary>
/// A project made by <c>dotnet new</c> from the packed template package (<see cref="PackedPackages"/>), as a user makes one,
/// in a temporary folder: the package installed into a template hive of its own (<c>--debug:custom-hive</c>, so the
/// machine's template cache is untouched), restored only from the packed packages and this machine's global packages
/// folder (as a folder feed), into a packages folder of its own (NUGET_PACKAGES), so nothing needs the network.
/// </summary>
internal sealed class TemplateProject : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private readonly string _root = Directory.CreateTempSubdirectory("servestatic-template-").FullName;

    private TemplateProject(string name)
    {
        Folder = Path.Join(_root, name);
    }

    /// <summary>The folder <c>dotnet new</c> made (its <c>-o</c>).</summary>
    public string Folder { get; }

    private string Hive => Path.Join(_root, "hive");

    /// <summary>Installs the template package and runs <c>dotnet new <paramref name="shortName"/> -n <paramref name="name"/></c>.</summary>
    public static async Task<TemplateProject> CreateAsync(string shortName, string name)
    {
        var package = await PackedPackages.PackageAsync(PackedPackages.TemplatesId);
        var project = new TemplateProject(name);
        try
        {
            File.WriteAllText(Path.Join(project._root, "nuget.config"), NuGetConfig.WithSources(Path.GetDirectoryName(package)!, NuGetConfig.MachinePackagesFolder));
            // Empty, so no Directory.Build.* or Directory.Packages.props above the temp folder reaches the project.
            foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
                File.WriteAllText(Path.Join(project._root, file), "<Project />");
            (await project.DotnetAsync(project._root, "new", "install", package, "--debug:custom-hive", project.Hive)).EnsureSucceeded();
            (await project.DotnetAsync(project._root, "new", shortName, "-n", name, "-o", project.Folder, "--debug:custom-hive", project.Hive)).EnsureSucceeded();
            return project;
        }
        catch
        {
            project.Dispose();
            throw;
        }
    }

    /// <summary>Runs <c>dotnet</c> in <see cref="Folder"/> (or <paramref name="relativeFolder"/> below it).</summary>
    public Task<ChildProcess> RunAsync(string relativeFolder, params string[] arguments) =>
        DotnetAsync(Path.Join(Folder, relativeFolder), arguments);

    private Task<ChildProcess> DotnetAsync(string folder, params string[] arguments) =>
        ChildProcess.RunAsync(folder, "dotnet", arguments, environment =>
        {
            environment["NUGET_PACKAGES"] = Path.Join(_root, "packages");
            environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            environment["DOTNET_NOLOGO"] = "1";
        }, Timeout);

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
