using System.Text.Json.Nodes;

namespace ServeStatic.Infra.Tests;

/// <summary>
/// `infra/` copied into a temp folder and put through the real Bicep CLI once for all tests: `build` of main.bicep and
/// of every module, `lint` of every file, `build-params` of main.bicepparam, and `snapshot` for a few parameter sets.
/// Any failure (the compiler missing, a compile error, a linter rule at error level) fails every test with the
/// compiler's own output.
/// </summary>
public sealed class CompiledInfrastructure : IDisposable
{
    public const string ReleaseContainer = "site";
    public const string DeploymentContainer = "deployment-package";
    public const string HealthPath = "/.servestatic/health";
    public const string Deployer = "11111111-2222-3333-4444-555555555555";
    public const string CustomDomain = "www.example.com";
    public const string DeployerAddressRange = "203.0.113.7/32";

    private const string SubscriptionId = "00000000-0000-0000-0000-000000000001";
    private const string ResourceGroup = "rg-servestatic";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("servestatic-infra-");
    private readonly List<BicepRun> _runs = [];

    public CompiledInfrastructure()
    {
        try
        {
            var infra = Path.Combine(_root.FullName, "infra");
            var arm = Path.Combine(_root.FullName, "arm");
            CopyDirectory(InfraPaths.InfraDirectory, infra);

            Run(infra, "build", "main.bicep", "--outdir", arm);
            Run(infra, "build", "--pattern", "modules/*.bicep", "--outdir", Path.Combine(arm, "modules"));
            Run(infra, "lint", "--pattern", "**/*.bicep");
            Run(infra, "build-params", "main.bicepparam", "--outfile", Path.Combine(arm, "main.parameters.json"));

            MainTemplate = ReadJson(Path.Combine(arm, "main.json"));
            ModuleTemplates = Directory.GetFiles(Path.Combine(arm, "modules"), "*.json")
                .ToDictionary(file => Path.GetFileNameWithoutExtension(file), ReadJson);
            Parameters = ReadJson(Path.Combine(arm, "main.parameters.json"));

            Defaults = TakeSnapshot(infra, "defaults", "");
            Customized = TakeSnapshot(infra, "customized", $"""
                param name = 'my-site'
                param deployPrincipalId = '{Deployer}'
                param customDomainHostName = '{CustomDomain}'
                param scmAllowedIpRanges = ['{DeployerAddressRange}']
                param alwaysReadyInstances = 2
                """);
            WithoutDeployer = TakeSnapshot(infra, "without-deployer", "param deployPrincipalId = ''");
            BlobReleases = TakeSnapshot(infra, "blob-releases", "param releaseSource = 'blob'");
        }
        catch
        {
            _root.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Every compiler run, in order.</summary>
    public IReadOnlyList<BicepRun> Runs => _runs;

    /// <summary>infra/main.bicep compiled to an ARM template (modules nested as deployments).</summary>
    public JsonNode MainTemplate { get; }

    /// <summary>Each module compiled on its own, by file name without extension.</summary>
    public IReadOnlyDictionary<string, JsonNode> ModuleTemplates { get; }

    /// <summary>infra/main.bicepparam compiled to an ARM parameters file.</summary>
    public JsonNode Parameters { get; }

    /// <summary>Predicted resources with every parameter at its default.</summary>
    public Snapshot Defaults { get; }

    /// <summary>Predicted resources with a hyphenated base name, a known deployer, a custom domain, an SCM allow range and 2 always-ready instances.</summary>
    public Snapshot Customized { get; }

    /// <summary>Predicted resources with an empty deployPrincipalId.</summary>
    public Snapshot WithoutDeployer { get; }

    /// <summary>Predicted resources with releaseSource 'blob'.</summary>
    public Snapshot BlobReleases { get; }

    public void Dispose()
    {
        // Something outside this run may have cleaned the temporary folder already; that is no failure of the infrastructure.
        _root.Refresh();
        if (_root.Exists)
            _root.Delete(recursive: true);
    }

    private Snapshot TakeSnapshot(string infra, string name, string parameters)
    {
        File.WriteAllText(Path.Combine(infra, $"{name}.bicepparam"), $"using 'main.bicep'\n{parameters}\n");
        Run(
            infra,
            "snapshot", $"{name}.bicepparam",
            "--mode", "overwrite",
            "--subscription-id", SubscriptionId,
            "--resource-group", ResourceGroup,
            "--location", "westeurope");
        return new Snapshot(ReadJson(Path.Combine(infra, $"{name}.snapshot.json")));
    }

    private void Run(string workingDirectory, params string[] arguments) =>
        _runs.Add(BicepCompiler.Run(workingDirectory, arguments).EnsureSucceeded());

    private static JsonNode ReadJson(string path) =>
        JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidOperationException($"{path} holds no JSON.");

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            CopyDirectory(directory, Path.Combine(destination, Path.GetFileName(directory)));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class CompiledInfrastructureCollection : ICollectionFixture<CompiledInfrastructure>
{
    public const string Name = "Compiled infrastructure";
}
