using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServeStatic.Infra.Tests;

/// <summary>What main.bicep promises its caller: parameters, their defaults, and outputs.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed class TemplateContractTests(CompiledInfrastructure infrastructure)
{
    private JsonObject Parameters => infrastructure.MainTemplate["parameters"]!.AsObject();

    private JsonObject Outputs => infrastructure.MainTemplate["outputs"]!.AsObject();

    private JsonNode Default(string parameter) => Parameters[parameter]!["defaultValue"]!;

    private JsonNode FromParametersFile(string parameter) => infrastructure.Parameters["parameters"]![parameter]!["value"]!;

    [Fact]
    public void Resources_go_to_the_resource_groups_region_by_default()
    {
        Assert.Equal("[resourceGroup().location]", (string?)Default("location"));
        Assert.All(
            infrastructure.Defaults.Resources.Where(resource => resource["location"] is not null),
            resource => Assert.Contains((string?)resource["location"], new[] { "westeurope", "global" }));
    }

    [Fact]
    public void Always_ready_instances_default_to_zero_in_the_template_and_the_parameters_file()
    {
        Assert.Equal(0, (int?)Default("alwaysReadyInstances"));
        Assert.Equal(0, (int?)FromParametersFile("alwaysReadyInstances"));
    }

    [Fact]
    public void The_deployment_site_admits_nobody_unless_told_in_the_template_and_the_parameters_file()
    {
        Assert.Empty(Default("scmAllowedIpRanges").AsArray());
        Assert.Empty(FromParametersFile("scmAllowedIpRanges").AsArray());
    }

    [Fact]
    public void The_deploy_principal_defaults_to_the_deployer() =>
        Assert.Equal("[deployer().objectId]", (string?)Default("deployPrincipalId"));

    [Fact]
    public void Health_probes_default_to_one_every_240_seconds_per_edge() =>
        Assert.Equal(240, (int?)Default("healthProbeIntervalSeconds"));

    [Fact]
    public void No_parameter_is_a_secret() =>
        Assert.All(Parameters, parameter => Assert.DoesNotContain("secure", (string)parameter.Value!["type"]!, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void Every_parameter_is_described() =>
        Assert.All(Parameters, parameter => Assert.False(string.IsNullOrWhiteSpace((string?)parameter.Value!["metadata"]?["description"]), parameter.Key));

    [Fact]
    public void The_outputs_are_the_endpoint_the_function_app_the_release_container_and_source_and_what_purging_and_a_custom_domain_need() =>
        Assert.Equal(
            new[]
            {
                "CUSTOM_DOMAIN_VALIDATION_TOKEN", "FRONT_DOOR_ENDPOINT_NAME", "FRONT_DOOR_ENDPOINT_URL", "FRONT_DOOR_PROFILE_NAME",
                "FUNCTION_APP_NAME", "RELEASE_CONTAINER_URL", "RELEASE_SOURCE",
            },
            Outputs.Select(output => output.Key).Order());

    [Fact]
    public void No_output_is_a_secure_value() =>
        Assert.All(Outputs, output => Assert.Equal("string", (string?)output.Value!["type"]));

    [Fact]
    public void The_endpoint_URL_is_HTTPS() =>
        Assert.Equal(
            "[format('https://{0}', reference(resourceId('Microsoft.Cdn/profiles/afdEndpoints', parameters('profileName'), parameters('endpointName')), '2025-06-01').hostName)]",
            (string?)infrastructure.ModuleTemplates["frontDoor"]["outputs"]!["endpointUrl"]!["value"]);

    [Fact]
    public void The_release_container_URL_output_is_the_URL_the_origin_serves_from() =>
        Assert.Equal(
            "[reference('releaseStorage').outputs.containerUrl.value]",
            (string?)Outputs["RELEASE_CONTAINER_URL"]!["value"]);

    [Fact]
    public void The_release_source_is_package_or_blob_and_defaults_to_package_in_the_template_and_the_parameters_file()
    {
        Assert.Equal(["package", "blob"], Parameters["releaseSource"]!["allowedValues"]!.AsArray().Select(value => (string)value!));
        Assert.Equal("package", (string?)Default("releaseSource"));
        Assert.Equal("package", (string?)FromParametersFile("releaseSource"));
    }

    [Theory]
    [InlineData("blob", "blob")]
    [InlineData("Blob", "blob")]
    [InlineData("PACKAGE", "package")]
    [InlineData("", "package")]
    public void The_parameters_file_reads_the_release_source_from_SERVESTATIC_RELEASE_SOURCE_in_any_case_empty_is_package(string variable, string parameter)
    {
        var run = BicepCompiler.Run(InfraPaths.InfraDirectory, new Dictionary<string, string> { ["SERVESTATIC_RELEASE_SOURCE"] = variable },
            "build-params", "main.bicepparam", "--stdout").EnsureSucceeded();

        var parameters = JsonNode.Parse((string)JsonNode.Parse(run.Output)!["parametersJson"]!)!;
        Assert.Equal(parameter, (string?)parameters["parameters"]!["releaseSource"]!["value"]);
    }

    [Fact]
    public void A_release_source_other_than_package_or_blob_fails_to_compile_naming_the_parameters_file()
    {
        var run = BicepCompiler.Run(InfraPaths.InfraDirectory, new Dictionary<string, string> { ["SERVESTATIC_RELEASE_SOURCE"] = "folder" },
            "build-params", "main.bicepparam", "--stdout");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Matches(@"main\.bicepparam\(\d+,\d+\) : Error BCP033: .*'blob' \| 'package'.*'folder'", run.Output);
    }

    [Fact]
    public void The_release_source_output_is_the_parameter_the_azd_hook_reads() =>
        Assert.Equal("[parameters('releaseSource')]", (string?)Outputs["RELEASE_SOURCE"]!["value"]);

    [Fact]
    public void The_template_never_reads_a_key_a_connection_string_or_a_secret() =>
        Assert.DoesNotMatch(new Regex(@"\blist[A-Za-z]*\("), infrastructure.MainTemplate.ToJsonString());
}
