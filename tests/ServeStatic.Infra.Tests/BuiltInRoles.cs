namespace ServeStatic.Infra.Tests;

/// <summary>Ids of the built-in Azure roles the deployment grants (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).</summary>
internal static class BuiltInRoles
{
    public const string StorageBlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
    public const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
}
