using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServeStatic.Infra.Tests;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed class StorageTests(CompiledInfrastructure infrastructure)
{
    private IReadOnlyList<JsonNode> Accounts => infrastructure.Defaults.OfType("Microsoft.Storage/storageAccounts");

    [Fact]
    public void There_are_two_accounts_one_for_releases_and_one_for_the_Functions_runtime()
    {
        Assert.Equal(2, Accounts.Count);
        Assert.NotEqual(
            infrastructure.Defaults.AccountIdOf(CompiledInfrastructure.ReleaseContainer),
            infrastructure.Defaults.AccountIdOf(CompiledInfrastructure.DeploymentContainer));
    }

    [Fact]
    public void Account_names_are_valid_even_when_the_base_name_has_hyphens() =>
        Assert.All(
            Accounts.Concat(infrastructure.Customized.OfType("Microsoft.Storage/storageAccounts")),
            account => Assert.Matches(new Regex("^[a-z0-9]{3,24}$"), (string)account["name"]!));

    [Fact]
    public void Every_account_requires_HTTPS_and_TLS_1_2() =>
        Assert.All(Accounts, account =>
        {
            Assert.True((bool?)account["properties"]!["supportsHttpsTrafficOnly"]);
            Assert.Equal("TLS1_2", (string?)account["properties"]!["minimumTlsVersion"]);
        });

    [Fact]
    public void No_account_allows_anonymous_blob_access() =>
        Assert.All(Accounts, account => Assert.False((bool?)account["properties"]!["allowBlobPublicAccess"]));

    [Fact]
    public void No_account_accepts_shared_keys_only_Microsoft_Entra_ID() =>
        Assert.All(Accounts, account =>
        {
            Assert.False((bool?)account["properties"]!["allowSharedKeyAccess"]);
            Assert.True((bool?)account["properties"]!["defaultToOAuthAuthentication"]);
        });

    [Fact]
    public void Every_container_is_private() =>
        Assert.All(
            infrastructure.Defaults.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"),
            container => Assert.Equal("None", (string?)container["properties"]!["publicAccess"]));

    [Fact]
    public void A_deleted_or_overwritten_blob_can_be_restored_for_seven_days() =>
        Assert.All(infrastructure.Defaults.OfType("Microsoft.Storage/storageAccounts/blobServices"), service =>
        {
            Assert.True((bool?)service["properties"]!["deleteRetentionPolicy"]!["enabled"]);
            Assert.Equal(7, (int?)service["properties"]!["deleteRetentionPolicy"]!["days"]);
        });
}
