using System.Net;
using System.Text;
using System.Text.Json;

namespace ServeStatic.Cli.Tests;

/// <summary>
/// <c>dotnet new servestatic-functions</c> as a user meets it: made from the packed template package, restored, built and
/// published offline against the packed packages, and run under a real Functions host; what it carries from this
/// repository is the repository's own files, with the app's name replaced by the new project's.
/// </summary>
[Collection(ChildBuildCollection.Name)]
public sealed class FunctionsTemplateTests(FunctionsTemplateTests.Published app) : IClassFixture<FunctionsTemplateTests.Published>
{
    private const string Name = "Walks";

    [Fact]
    public async Task The_published_app_serves_the_starter_site_under_a_Functions_host()
    {
        await using var host = await FunctionsHost.StartAsync(app.PublishFolder);

        using var response = await host.GetAsync("/", ("Accept-Encoding", "br"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("Served by ServeStatic", Encoding.UTF8.GetString(Decode.Body("br", await response.Content.ReadAsByteArrayAsync())), StringComparison.Ordinal);
    }

    [Fact]
    public void The_published_worker_loads_its_release_without_background_collections_and_with_loops_optimised_at_once()
    {
        // As the repository's app (src/ServeStatic.Functions: bench/README.md, "Functions host").
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Join(app.PublishFolder, $"{Name}.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.False(properties.GetProperty("System.Runtime.TieredCompilation.QuickJitForLoops").GetBoolean());
    }

    [Fact]
    public void Infra_host_json_and_the_app_code_are_the_repositorys_files()
    {
        var repositoryFiles = Directory.EnumerateFiles(Path.Join(Repository.Root, "infra"), "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Repository.Root, path))
            .Concat(["host.json", Path.Join("src", "ServeStatic.Functions", "Program.cs"), Path.Join("src", "ServeStatic.Functions", "local.settings.json.example")]);

        Assert.All(repositoryFiles, file =>
            Assert.Equal(File.ReadAllText(Path.Join(Repository.Root, file)), File.ReadAllText(Path.Join(app.Project.Folder, file.Replace("ServeStatic.Functions", Name, StringComparison.Ordinal)))));
    }

    [Fact]
    public void No_file_names_the_repositorys_app_or_sample_site()
    {
        var files = Directory.EnumerateFiles(app.Project.Folder, "*", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.StartsWith(app.PublishFolder, StringComparison.Ordinal));

        Assert.All(files, path =>
        {
            Assert.DoesNotContain("ServeStatic.Functions", path, StringComparison.Ordinal);
            var text = File.ReadAllText(path);
            Assert.DoesNotContain("ServeStatic.Functions", text, StringComparison.Ordinal);
            Assert.DoesNotContain("samples/site", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Azure_yaml_deploys_the_new_project_and_runs_the_executable_release_hook()
    {
        var azureYaml = File.ReadAllText(Path.Join(app.Project.Folder, "azure.yaml"));

        Assert.Contains($"project: ./src/{Name}\n", azureYaml, StringComparison.Ordinal);
        Assert.Contains("run: scripts/publish-release.sh\n", azureYaml, StringComparison.Ordinal);
        // azd runs the file itself on Linux and macOS (bash with it on Windows): the template's chmod post action marks it.
        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(Path.Join(app.Project.Folder, "scripts", "publish-release.sh")).HasFlag(UnixFileMode.UserExecute), "scripts/publish-release.sh is not executable");
    }

    [Fact]
    public async Task The_tool_manifest_names_the_servestatic_tool_of_the_packages_version()
    {
        var version = PackedPackages.VersionOf(PackedPackages.TemplatesId, await PackedPackages.PackageAsync(PackedPackages.TemplatesId));

        var manifest = File.ReadAllText(Path.Join(app.Project.Folder, ".config", "dotnet-tools.json"));

        Assert.Contains("\"servestatic.cli\"", manifest, StringComparison.Ordinal);
        Assert.Contains($"\"version\": \"{version}\"", manifest, StringComparison.Ordinal);
    }

    /// <summary>The project "Walks" made by <c>dotnet new servestatic-functions</c>, built and published.</summary>
    public sealed class Published : IAsyncLifetime
    {
        internal TemplateProject Project { get; private set; } = null!;

        internal string PublishFolder => Path.Join(Project.Folder, "published");

        public async Task InitializeAsync()
        {
            Project = await TemplateProject.CreateAsync("servestatic-functions", Name);
            (await Project.RunAsync(Path.Join("src", Name), "build", "-c", "Release")).EnsureSucceeded();
            (await Project.RunAsync(Path.Join("src", Name), "publish", "-c", "Release", "-o", PublishFolder)).EnsureSucceeded();
        }

        public Task DisposeAsync()
        {
            Project?.Dispose();
            return Task.CompletedTask;
        }
    }
}
