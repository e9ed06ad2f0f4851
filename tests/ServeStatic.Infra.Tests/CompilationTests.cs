using System.Text.Json.Nodes;

namespace ServeStatic.Infra.Tests;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed class CompilationTests(CompiledInfrastructure infrastructure)
{
    [Fact]
    public void Every_Bicep_file_builds_and_lints_without_a_diagnostic() =>
        Assert.Empty(infrastructure.Runs.SelectMany(run => run.Diagnostics.Select(diagnostic => $"{run.CommandLine}: {diagnostic}")));

    [Fact]
    public void Every_module_compiles_on_its_own()
    {
        var modules = Directory.GetFiles(Path.Combine(InfraPaths.InfraDirectory, "modules"), "*.bicep").Select(Path.GetFileNameWithoutExtension);

        Assert.Equal(modules.Order(), infrastructure.ModuleTemplates.Keys.Order());
    }

    [Fact]
    public void The_compiler_predicts_every_parameter_set_without_a_diagnostic() =>
        Assert.Empty(new[] { infrastructure.Defaults, infrastructure.Customized, infrastructure.WithoutDeployer, infrastructure.BlobReleases }.SelectMany(snapshot => snapshot.Diagnostics));

    [Fact]
    public void Every_configured_linter_rule_is_an_error_except_those_whose_verdict_depends_on_the_date_or_a_registry()
    {
        var configuration = JsonNode.Parse(File.ReadAllText(Path.Combine(InfraPaths.InfraDirectory, "bicepconfig.json")))!;
        var rules = configuration["analyzers"]!["core"]!["rules"]!.AsObject();

        Assert.True((bool?)configuration["analyzers"]!["core"]!["enabled"]);
        Assert.Equal(
            new[] { "use-recent-api-versions", "use-recent-module-versions" },
            rules.Where(rule => (string?)rule.Value!["level"] != "error").Select(rule => rule.Key).Order());
    }

    [Theory]
    [InlineData("no-unused-params", "param unused string\n")]
    [InlineData("no-hardcoded-location", "resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {\n  name: 'probe'\n  location: 'westeurope'\n  kind: 'StorageV2'\n  sku: {\n    name: 'Standard_LRS'\n  }\n}\n")]
    [InlineData("no-hardcoded-env-urls", "output endpoint string = 'https://management.azure.com/'\n")]
    [InlineData("secure-parameter-default", "@secure()\nparam key string = 'not-a-secret'\noutput keyLength int = length(key)\n")]
    [InlineData("outputs-should-not-contain-secrets", "@secure()\nparam key string\noutput leaked string = key\n")]
    public void The_linter_configuration_makes_a_rule_an_error(string rule, string bicep)
    {
        var folder = Directory.CreateTempSubdirectory("servestatic-lint-");
        try
        {
            File.Copy(Path.Combine(InfraPaths.InfraDirectory, "bicepconfig.json"), Path.Combine(folder.FullName, "bicepconfig.json"));
            File.WriteAllText(Path.Combine(folder.FullName, "probe.bicep"), bicep);

            var run = BicepCompiler.Run(folder.FullName, "build", "probe.bicep", "--stdout");

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains($"Error {rule}:", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
