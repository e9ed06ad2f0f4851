using System.Text.Json.Nodes;

namespace ServeStatic.Infra.Tests;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed class FunctionAppTests(CompiledInfrastructure infrastructure)
{
    // Flex Consumption rejects these (https://learn.microsoft.com/azure/azure-functions/functions-app-settings#flex-consumption-plan-deprecations).
    private static readonly string[] SettingsFlexConsumptionRejects =
    [
        "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_WORKER_RUNTIME_VERSION", "FUNCTIONS_MAX_HTTP_CONCURRENCY",
        "FUNCTIONS_WORKER_PROCESS_COUNT", "FUNCTIONS_WORKER_DYNAMIC_CONCURRENCY_ENABLED", "SCM_DO_BUILD_DURING_DEPLOYMENT",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTOVERVNET", "WEBSITE_CONTENTSHARE", "WEBSITE_DNS_SERVER",
        "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT", "WEBSITE_NODE_DEFAULT_VERSION", "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_SKIP_CONTENTSHARE_VALIDATION", "WEBSITE_VNET_ROUTE_ALL", "ENABLE_ORYX_BUILD",
    ];

    private static JsonNode FunctionAppConfig(Snapshot snapshot) =>
        snapshot.Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!;

    private static JsonNode AlwaysReadyHttp(Snapshot snapshot) =>
        Assert.Single(FunctionAppConfig(snapshot)["scaleAndConcurrency"]!["alwaysReady"]!.AsArray(), group => (string?)group!["name"] == "http")!;

    [Fact]
    public void The_app_runs_on_the_Flex_Consumption_plan()
    {
        var plan = infrastructure.Defaults.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True((bool?)plan["properties"]!["reserved"]);
        Assert.Equal((string?)plan["id"], (string?)infrastructure.Defaults.Single("Microsoft.Web/sites")["properties"]!["serverFarmId"]);
    }

    [Fact]
    public void The_app_runs_the_dotnet_isolated_worker_on_NET_10()
    {
        var runtime = FunctionAppConfig(infrastructure.Defaults)["runtime"]!;

        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("10.0", (string?)runtime["version"]);
    }

    [Fact]
    public void No_instance_is_kept_warm_by_default() =>
        Assert.Equal(0, (int?)AlwaysReadyHttp(infrastructure.Defaults)["instanceCount"]);

    [Fact]
    public void The_always_ready_parameter_sets_the_warm_HTTP_instances() =>
        Assert.Equal(2, (int?)AlwaysReadyHttp(infrastructure.Customized)["instanceCount"]);

    [Fact]
    public void The_deployment_package_is_read_from_the_runtime_account_with_the_apps_identity()
    {
        var storage = FunctionAppConfig(infrastructure.Defaults)["deployment"]!["storage"]!;
        var runtimeAccountId = infrastructure.Defaults.AccountIdOf(CompiledInfrastructure.DeploymentContainer);

        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Equal($"[format('{{0}}{{1}}', reference('{runtimeAccountId}', '2025-06-01').primaryEndpoints.blob, '{CompiledInfrastructure.DeploymentContainer}')]", (string?)storage["value"]);
        Assert.Equal("SystemAssignedIdentity", (string?)storage["authentication"]!["type"]);
    }

    [Fact]
    public void The_Functions_host_reaches_its_storage_with_its_identity_not_a_connection_string()
    {
        var settings = infrastructure.Defaults.AppSettings;
        var runtimeAccountId = infrastructure.Defaults.AccountIdOf(CompiledInfrastructure.DeploymentContainer);

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal($"[reference('{runtimeAccountId}', '2025-06-01').primaryEndpoints.blob]", settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
    }

    [Fact]
    public void By_default_ServeStatic_serves_the_release_in_the_package()
    {
        var settings = infrastructure.Defaults.AppSettings;

        Assert.Equal("Folder", settings["ServeStatic__Source"]);
        // Program.cs points Folder:Path at release/ beside the app; nothing here names a container or a path.
        Assert.DoesNotContain(settings.Keys, key => key.StartsWith("ServeStatic__Blob__", StringComparison.Ordinal) || key.StartsWith("ServeStatic__Folder__", StringComparison.Ordinal));
    }

    [Fact]
    public void With_release_source_blob_ServeStatic_serves_from_the_release_container()
    {
        var settings = infrastructure.BlobReleases.AppSettings;

        Assert.Equal("Blob", settings["ServeStatic__Source"]);
        Assert.Contains("'releaseStorage-", settings["ServeStatic__Blob__ContainerUrl"], StringComparison.Ordinal);
        Assert.EndsWith(".outputs.containerUrl.value]", settings["ServeStatic__Blob__ContainerUrl"], StringComparison.Ordinal);
        // The packaged release stands in while the container has no `current` (Blob:ServeFolderUntilCurrent defaults to true).
        Assert.DoesNotContain("ServeStatic__Blob__ServeFolderUntilCurrent", settings.Keys);
    }

    [Fact]
    public void The_release_source_changes_only_the_ServeStatic_source_settings()
    {
        static IEnumerable<KeyValuePair<string, string>> Others(Snapshot snapshot) =>
            snapshot.AppSettings.Where(setting => !setting.Key.StartsWith("ServeStatic__Source", StringComparison.Ordinal) && !setting.Key.StartsWith("ServeStatic__Blob__", StringComparison.Ordinal)).OrderBy(setting => setting.Key, StringComparer.Ordinal);

        Assert.Equal(Others(infrastructure.Defaults), Others(infrastructure.BlobReleases));
    }

    [Fact]
    public void Both_release_sources_keep_the_release_container_and_its_roles_so_switching_is_one_parameter()
    {
        Assert.Equal(
            infrastructure.Defaults.ContainerId(CompiledInfrastructure.ReleaseContainer),
            infrastructure.BlobReleases.ContainerId(CompiledInfrastructure.ReleaseContainer));
        Assert.Equal(infrastructure.Defaults.RoleAssignments, infrastructure.BlobReleases.RoleAssignments);
    }

    [Fact]
    public void ServeStatic_answers_health_on_its_reserved_dot_path() =>
        Assert.Equal(CompiledInfrastructure.HealthPath, infrastructure.Defaults.AppSettings["ServeStatic__HealthPath"]);

    [Fact]
    public void No_app_setting_is_one_Flex_Consumption_rejects() =>
        Assert.Empty(infrastructure.Defaults.AppSettings.Keys.Intersect(SettingsFlexConsumptionRejects));

    [Fact]
    public void No_app_setting_holds_a_key_or_a_shared_access_signature() =>
        Assert.All(infrastructure.Defaults.AppSettings, setting =>
        {
            Assert.DoesNotContain("AccountKey=", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("sig=", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(@"\blist\w*\(", setting.Value);
        });
}
