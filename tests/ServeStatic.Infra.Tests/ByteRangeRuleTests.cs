using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServeStatic.Infra.Tests;

/// <summary>
/// Front Door answers 503 when responses to byte-range requests for one URL differ in Content-Length, which they do
/// when the origin serves ranges of its precompressed representations; the documented fix is a rule that removes
/// Accept-Encoding from byte-range requests
/// (https://learn.microsoft.com/azure/frontdoor/standard-premium/how-to-compression).
/// </summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed partial class ByteRangeRuleTests(CompiledInfrastructure infrastructure)
{
    private const string RuleSetType = "Microsoft.Cdn/profiles/ruleSets";
    private const string RuleType = "Microsoft.Cdn/profiles/ruleSets/rules";
    private const string RouteType = "Microsoft.Cdn/profiles/afdEndpoints/routes";

    private JsonNode Rule => infrastructure.Defaults.Single(RuleType)["properties"]!;

    [Fact]
    public void The_rule_matches_every_request_that_carries_a_Range_header_whatever_its_value()
    {
        var condition = Assert.Single(Rule["conditions"]!.AsArray())!;
        var parameters = condition["parameters"]!;

        Assert.Equal("RequestHeader", (string?)condition["name"]);
        Assert.Equal("DeliveryRuleRequestHeaderConditionParameters", (string?)parameters["typeName"]);
        Assert.Equal("Range", (string?)parameters["selector"]);
        Assert.Equal("Any", (string?)parameters["operator"]);
        Assert.False((bool?)parameters["negateCondition"]);
    }

    [Fact]
    public void The_rule_removes_Accept_Encoding_so_the_origin_answers_a_range_from_the_identity_representation()
    {
        var action = Assert.Single(Rule["actions"]!.AsArray())!;
        var parameters = action["parameters"]!;

        Assert.Equal("ModifyRequestHeader", (string?)action["name"]);
        Assert.Equal("DeliveryRuleHeaderActionParameters", (string?)parameters["typeName"]);
        Assert.Equal("Delete", (string?)parameters["headerAction"]);
        Assert.Equal("Accept-Encoding", (string?)parameters["headerName"]);
    }

    [Fact]
    public void The_rule_runs_first_and_lets_later_rules_run_too()
    {
        Assert.Equal(1, (int?)Rule["order"]);
        Assert.Equal("Continue", (string?)Rule["matchProcessingBehavior"]);
    }

    [Fact]
    public void The_route_applies_the_rule_set()
    {
        var ruleSetId = (string)infrastructure.Defaults.Single(RuleSetType)["id"]!;
        var route = infrastructure.Defaults.Single(RouteType)["properties"]!;

        Assert.Equal(ruleSetId, (string?)Assert.Single(route["ruleSets"]!.AsArray())!["id"]);
    }

    [Fact]
    public void The_route_is_created_after_the_rule_so_it_never_applies_an_empty_rule_set()
    {
        // profile/ruleSet/rule, as predicted; the module names the profile by its parameter.
        var name = ((string)infrastructure.Defaults.Single(RuleType)["name"]!).Split('/');
        var route = infrastructure.ModuleTemplates["frontDoor"]["resources"]!.AsArray()
            .Single(resource => (string?)resource!["type"] == RouteType)!;

        Assert.Contains(
            $"[resourceId('{RuleType}', parameters('profileName'), '{name[1]}', '{name[2]}')]",
            route["dependsOn"]!.AsArray().Select(dependency => (string?)dependency));
    }

    [Fact]
    public void The_rule_is_deployed_with_every_parameter_set()
    {
        Assert.All(
            new[] { infrastructure.Defaults, infrastructure.Customized, infrastructure.WithoutDeployer },
            snapshot =>
            {
                var ruleSetId = (string)snapshot.Single(RuleSetType)["id"]!;
                Assert.Single(snapshot.OfType(RuleType));
                Assert.Equal(ruleSetId, (string?)Assert.Single(snapshot.Single(RouteType)["properties"]!["ruleSets"]!.AsArray())!["id"]);
            });
    }

    [Fact]
    public void Rule_set_and_rule_names_are_letters_and_digits_starting_with_a_letter_as_Front_Door_requires() =>
        Assert.All(
            infrastructure.Defaults.OfType(RuleSetType).Concat(infrastructure.Defaults.OfType(RuleType)),
            resource =>
            {
                var name = (string)resource["name"]!;
                Assert.Matches(FrontDoorRuleName(), name[(name.LastIndexOf('/') + 1)..]);
            });

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex FrontDoorRuleName();
}
