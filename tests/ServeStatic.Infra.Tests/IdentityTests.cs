namespace ServeStatic.Infra.Tests;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed class IdentityTests(CompiledInfrastructure infrastructure)
{
    private string SiteId => (string)infrastructure.Defaults.Single("Microsoft.Web/sites")["id"]!;

    private string ReleaseContainerId => infrastructure.Defaults.ContainerId(CompiledInfrastructure.ReleaseContainer);

    private static bool IsTheApp(RoleAssignment assignment) =>
        assignment.PrincipalType == "ServicePrincipal"
        && (assignment.PrincipalId.Contains(".outputs.principalId.value]", StringComparison.Ordinal)
            || assignment.PrincipalId.EndsWith("'full').identity.principalId]", StringComparison.Ordinal));

    [Fact]
    public void The_function_app_has_a_system_assigned_identity() =>
        Assert.Equal("SystemAssigned", (string?)infrastructure.Defaults.Single("Microsoft.Web/sites")["identity"]!["type"]);

    [Fact]
    public void The_origin_reads_the_release_container_with_Storage_Blob_Data_Reader()
    {
        var assignment = Assert.Single(infrastructure.Defaults.RoleAssignments, a => a.RoleDefinition == BuiltInRoles.StorageBlobDataReader);

        Assert.Equal(ReleaseContainerId, assignment.Scope);
        Assert.True(IsTheApp(assignment), $"Reader goes to {assignment.PrincipalId} ({assignment.PrincipalType})");
        Assert.Contains("'functionApp-", assignment.PrincipalId, StringComparison.Ordinal);
    }

    [Fact]
    public void The_origin_has_no_other_role_on_the_release_account()
    {
        var releaseAccountId = infrastructure.Defaults.AccountIdOf(CompiledInfrastructure.ReleaseContainer);

        var onReleases = infrastructure.Defaults.RoleAssignments.Where(a => IsTheApp(a) && a.Scope.StartsWith(releaseAccountId, StringComparison.Ordinal));

        Assert.Equal([BuiltInRoles.StorageBlobDataReader], onReleases.Select(a => a.RoleDefinition));
    }

    [Fact]
    public void The_deploy_principal_publishes_to_the_release_container_with_Storage_Blob_Data_Contributor()
    {
        var assignment = Assert.Single(infrastructure.Customized.RoleAssignments, a => a.PrincipalId == CompiledInfrastructure.Deployer);

        Assert.Equal(BuiltInRoles.StorageBlobDataContributor, assignment.RoleDefinition);
        Assert.Equal(infrastructure.Customized.ContainerId(CompiledInfrastructure.ReleaseContainer), assignment.Scope);
    }

    [Fact]
    public void The_deploy_principal_is_whoever_runs_the_deployment_by_default()
    {
        var assignment = Assert.Single(infrastructure.Defaults.RoleAssignments, a => a.RoleDefinition == BuiltInRoles.StorageBlobDataContributor);

        Assert.Equal("[deployer().objectId]", assignment.PrincipalId);
        Assert.Contains(ReleaseContainerId, assignment.Scope, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_deploy_principal_is_granted_nothing() =>
        Assert.DoesNotContain(infrastructure.WithoutDeployer.RoleAssignments, a => a.RoleDefinition == BuiltInRoles.StorageBlobDataContributor);

    [Fact]
    public void The_Functions_host_owns_the_blobs_of_its_own_account_and_no_others()
    {
        var assignment = Assert.Single(infrastructure.Defaults.RoleAssignments, a => a.RoleDefinition == BuiltInRoles.StorageBlobDataOwner);

        Assert.Equal(infrastructure.Defaults.AccountIdOf(CompiledInfrastructure.DeploymentContainer), assignment.Scope);
        Assert.Equal($"[reference('{SiteId}', '2025-03-01', 'full').identity.principalId]", assignment.PrincipalId);
    }

    [Fact]
    public void The_app_may_publish_telemetry_to_its_Application_Insights_only()
    {
        var assignment = Assert.Single(infrastructure.Defaults.RoleAssignments, a => a.RoleDefinition == BuiltInRoles.MonitoringMetricsPublisher);

        Assert.Equal((string)infrastructure.Defaults.Single("Microsoft.Insights/components")["id"]!, assignment.Scope);
        Assert.True(IsTheApp(assignment));
    }

    [Fact]
    public void No_role_is_granted_beyond_the_four_the_design_needs() =>
        Assert.Equal(
            new[] { BuiltInRoles.StorageBlobDataReader, BuiltInRoles.StorageBlobDataContributor, BuiltInRoles.StorageBlobDataOwner, BuiltInRoles.MonitoringMetricsPublisher }.Order(),
            infrastructure.Customized.RoleAssignments.Select(a => a.RoleDefinition).Order());
}
