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
    private const string RuleSetName = "byteRanges";

    private JsonNode Rule => Assert.Single(infrastructure.Defaults.RulesOf(RuleSetName))["properties"]!;

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
    public void The_route_applies_the_rule_set_before_any_other() =>
        Assert.Equal((string)infrastructure.Defaults.RuleSet(RuleSetName)["id"]!, infrastructure.Defaults.RouteRuleSetIds()[0]);

    [Fact]
    public void The_route_is_created_after_the_rule_so_it_never_applies_an_empty_rule_set()
    {
        // The module names the profile by its parameter.
        var rule = FrontDoorRuleSets.OwnName(Assert.Single(infrastructure.Defaults.RulesOf(RuleSetName)));
        var route = infrastructure.ModuleTemplates["frontDoor"]["resources"]!.AsArray()
            .Single(resource => (string?)resource!["type"] == FrontDoorRuleSets.RouteType)!;

        Assert.Contains(
            $"[resourceId('{FrontDoorRuleSets.RuleType}', parameters('profileName'), '{RuleSetName}', '{rule}')]",
            route["dependsOn"]!.AsArray().Select(dependency => (string?)dependency));
    }

    [Fact]
    public void The_rule_is_deployed_with_every_parameter_set()
    {
        Assert.All(
            new[] { infrastructure.Defaults, infrastructure.Customized, infrastructure.WithoutDeployer },
            snapshot =>
            {
                Assert.Single(snapshot.RulesOf(RuleSetName));
                Assert.Equal((string)snapshot.RuleSet(RuleSetName)["id"]!, snapshot.RouteRuleSetIds()[0]);
            });
    }

    [Fact]
    public void Rule_set_and_rule_names_are_letters_and_digits_starting_with_a_letter_as_Front_Door_requires() =>
        Assert.All(
            infrastructure.Defaults.OfType(FrontDoorRuleSets.RuleSetType).Concat(infrastructure.Defaults.OfType(FrontDoorRuleSets.RuleType)),
            resource => Assert.Matches(FrontDoorRuleName(), FrontDoorRuleSets.OwnName(resource)));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex FrontDoorRuleName();
}
