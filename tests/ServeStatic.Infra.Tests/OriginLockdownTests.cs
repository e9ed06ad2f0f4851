using System.Text.Json.Nodes;

namespace ServeStatic.Infra.Tests;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed class OriginLockdownTests(CompiledInfrastructure infrastructure)
{
    private JsonNode Site => infrastructure.Defaults.Single("Microsoft.Web/sites");

    private JsonNode SiteConfig => Site["properties"]!["siteConfig"]!;

    private JsonNode FrontDoorRule => Assert.Single(SiteConfig["ipSecurityRestrictions"]!.AsArray())!;

    [Fact]
    public void The_origin_admits_only_the_Front_Door_backend_service_tag()
    {
        Assert.Equal("Allow", (string?)FrontDoorRule["action"]);
        Assert.Equal("ServiceTag", (string?)FrontDoorRule["tag"]);
        Assert.Equal("AzureFrontDoor.Backend", (string?)FrontDoorRule["ipAddress"]);
    }

    [Fact]
    public void The_origin_requires_X_Azure_FDID_to_be_the_profile_id_the_profile_module_reports()
    {
        var frontDoorId = (string)Assert.Single(FrontDoorRule["headers"]!["x-azure-fdid"]!.AsArray())!;

        Assert.Contains("'frontDoorProfile-", frontDoorId, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.frontDoorId.value]", frontDoorId, StringComparison.Ordinal);
    }

    [Fact]
    public void The_profile_module_reports_the_profiles_own_frontDoorId()
    {
        var value = (string)infrastructure.ModuleTemplates["frontDoorProfile"]["outputs"]!["frontDoorId"]!["value"]!;

        Assert.Equal("[reference(resourceId('Microsoft.Cdn/profiles', parameters('name')), '2025-06-01').frontDoorId]", value);
    }

    [Fact]
    public void The_origin_refuses_every_other_request() =>
        Assert.Equal("Deny", (string?)SiteConfig["ipSecurityRestrictionsDefaultAction"]);

    [Fact]
    public void The_deployment_site_keeps_its_own_rules_and_refuses_everyone_by_default()
    {
        Assert.False((bool?)SiteConfig["scmIpSecurityRestrictionsUseMain"]);
        Assert.Equal("Deny", (string?)SiteConfig["scmIpSecurityRestrictionsDefaultAction"]);
        Assert.Empty(SiteConfig["scmIpSecurityRestrictions"]!.AsArray());
    }

    [Fact]
    public void The_deployment_site_admits_exactly_the_given_address_ranges()
    {
        var siteConfig = infrastructure.Customized.Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!;

        var rule = Assert.Single(siteConfig["scmIpSecurityRestrictions"]!.AsArray())!;
        Assert.Equal("Allow", (string?)rule["action"]);
        Assert.Equal(CompiledInfrastructure.DeployerAddressRange, (string?)rule["ipAddress"]);
        Assert.Equal("Deny", (string?)siteConfig["scmIpSecurityRestrictionsDefaultAction"]);
    }

    [Theory]
    [InlineData("ftp")]
    [InlineData("scm")]
    public void Publishing_with_a_user_name_and_password_is_off(string endpoint)
    {
        var policy = infrastructure.Defaults.Named("Microsoft.Web/sites/basicPublishingCredentialsPolicies", $"{Site["name"]}/{endpoint}");

        Assert.False((bool?)policy["properties"]!["allow"]);
    }

    [Fact]
    public void FTP_is_disabled() => Assert.Equal("Disabled", (string?)SiteConfig["ftpsState"]);

    [Fact]
    public void The_origin_answers_only_HTTPS() => Assert.True((bool?)Site["properties"]!["httpsOnly"]);

    [Fact]
    public void The_origin_and_its_deployment_site_require_TLS_1_2()
    {
        Assert.Equal("1.2", (string?)SiteConfig["minTlsVersion"]);
        Assert.Equal("1.2", (string?)SiteConfig["scmMinTlsVersion"]);
    }
}
