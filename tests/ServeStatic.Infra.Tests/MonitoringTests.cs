namespace ServeStatic.Infra.Tests;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed class MonitoringTests(CompiledInfrastructure infrastructure)
{
    [Fact]
    public void Application_Insights_keeps_its_data_in_the_Log_Analytics_workspace()
    {
        var workspaceId = (string)infrastructure.Defaults.Single("Microsoft.OperationalInsights/workspaces")["id"]!;

        Assert.Equal(workspaceId, (string?)infrastructure.Defaults.Single("Microsoft.Insights/components")["properties"]!["WorkspaceResourceId"]);
    }

    [Fact]
    public void Application_Insights_accepts_only_Microsoft_Entra_ID_authenticated_telemetry() =>
        Assert.True((bool?)infrastructure.Defaults.Single("Microsoft.Insights/components")["properties"]!["DisableLocalAuth"]);

    [Fact]
    public void The_app_signs_its_telemetry_with_its_identity()
    {
        var settings = infrastructure.Defaults.AppSettings;
        var componentId = (string)infrastructure.Defaults.Single("Microsoft.Insights/components")["id"]!;

        Assert.Equal("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal($"[reference('{componentId}', '2020-02-02').ConnectionString]", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
    }

    [Fact]
    public void Logs_are_kept_thirty_days_by_default() =>
        Assert.Equal(30, (int?)infrastructure.Defaults.Single("Microsoft.OperationalInsights/workspaces")["properties"]!["retentionInDays"]);
}
