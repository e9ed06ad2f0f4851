using System.Text.Json.Nodes;

namespace ServeStatic.Infra.Tests;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed class FrontDoorTests(CompiledInfrastructure infrastructure)
{
    private JsonNode Route => infrastructure.Defaults.Single("Microsoft.Cdn/profiles/afdEndpoints/routes")["properties"]!;

    private JsonNode Origin => infrastructure.Defaults.Single("Microsoft.Cdn/profiles/originGroups/origins")["properties"]!;

    private JsonNode HealthProbe => infrastructure.Defaults.Single("Microsoft.Cdn/profiles/originGroups")["properties"]!["healthProbeSettings"]!;

    [Fact]
    public void The_profile_is_Front_Door_Standard() =>
        Assert.Equal("Standard_AzureFrontDoor", (string?)infrastructure.Defaults.Single("Microsoft.Cdn/profiles")["sku"]!["name"]);

    [Fact]
    public void The_route_sends_every_path_to_the_origin_group()
    {
        var originGroupId = (string)infrastructure.Defaults.Single("Microsoft.Cdn/profiles/originGroups")["id"]!;

        Assert.Equal("/*", (string?)Assert.Single(Route["patternsToMatch"]!.AsArray()));
        Assert.Equal(originGroupId, (string?)Route["originGroup"]!["id"]);
        Assert.Equal("Enabled", (string?)Route["linkToDefaultDomain"]);
    }

    [Fact]
    public void The_route_caches_and_keeps_each_query_string_apart_so_version_query_strings_bust_the_cache() =>
        Assert.Equal("UseQueryString", (string?)Route["cacheConfiguration"]!["queryStringCachingBehavior"]);

    [Fact]
    public void Front_Door_leaves_compression_to_the_origin() =>
        Assert.False((bool?)Route["cacheConfiguration"]!["compressionSettings"]!["isCompressionEnabled"]);

    [Fact]
    public void Plain_HTTP_is_redirected_to_HTTPS()
    {
        Assert.Equal(["Http", "Https"], Route["supportedProtocols"]!.AsArray().Select(protocol => (string)protocol!));
        Assert.Equal("Enabled", (string?)Route["httpsRedirect"]);
    }

    [Fact]
    public void Front_Door_forwards_to_the_origin_over_HTTPS_only() =>
        Assert.Equal("HttpsOnly", (string?)Route["forwardingProtocol"]);

    [Fact]
    public void The_origin_is_the_function_apps_default_host_name_also_sent_as_Host()
    {
        var hostName = (string)Origin["hostName"]!;

        Assert.Contains("'functionApp-", hostName, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.defaultHostName.value]", hostName, StringComparison.Ordinal);
        Assert.Equal(hostName, (string?)Origin["originHostHeader"]);
    }

    [Fact]
    public void Front_Door_checks_the_name_on_the_origins_certificate() =>
        Assert.True((bool?)Origin["enforceCertificateNameCheck"]);

    [Fact]
    public void The_health_probe_is_a_HEAD_over_HTTPS_of_the_ServeStatic_health_path()
    {
        Assert.Equal("HEAD", (string?)HealthProbe["probeRequestType"]);
        Assert.Equal("Https", (string?)HealthProbe["probeProtocol"]);
        Assert.Equal(CompiledInfrastructure.HealthPath, (string?)HealthProbe["probePath"]);
    }

    [Fact]
    public void The_probe_path_is_the_path_the_origin_answers_health_on() =>
        Assert.Equal((string?)HealthProbe["probePath"], infrastructure.Defaults.AppSettings["ServeStatic__HealthPath"]);

    [Fact]
    public void Without_a_custom_domain_no_domain_is_created_or_routed()
    {
        Assert.Empty(infrastructure.Defaults.OfType("Microsoft.Cdn/profiles/customDomains"));
        Assert.Empty(Route["customDomains"]!.AsArray());
    }

    [Fact]
    public void A_custom_domain_gets_a_Front_Door_managed_certificate_and_TLS_1_2()
    {
        var domain = infrastructure.Customized.Single("Microsoft.Cdn/profiles/customDomains")["properties"]!;

        Assert.Equal(CompiledInfrastructure.CustomDomain, (string?)domain["hostName"]);
        Assert.Equal("ManagedCertificate", (string?)domain["tlsSettings"]!["certificateType"]);
        Assert.Equal("TLS12", (string?)domain["tlsSettings"]!["minimumTlsVersion"]);
    }

    [Fact]
    public void A_custom_domain_is_served_by_the_route()
    {
        var domainId = (string)infrastructure.Customized.Single("Microsoft.Cdn/profiles/customDomains")["id"]!;
        var route = infrastructure.Customized.Single("Microsoft.Cdn/profiles/afdEndpoints/routes")["properties"]!;

        Assert.Equal(domainId, (string?)Assert.Single(route["customDomains"]!.AsArray())!["id"]);
    }
}
