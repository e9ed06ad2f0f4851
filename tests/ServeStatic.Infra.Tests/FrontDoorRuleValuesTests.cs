using System.Text.Json.Nodes;

namespace ServeStatic.Infra.Tests;

/// <summary>
/// The Bicep types declare a rule's operator, transforms, header action and match processing behavior as open strings, so
/// a misspelt value compiles without a warning and fails only when Front Door gets it. Every rule's values are checked
/// against the values Microsoft documents for the Microsoft.Cdn API.
/// </summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed class FrontDoorRuleValuesTests(CompiledInfrastructure infrastructure)
{
    /// <summary>RequestHeaderOperator: "Known values are: Any, Equal, Contains, BeginsWith, EndsWith, LessThan, LessThanOrEqual,
    /// GreaterThan, GreaterThanOrEqual, and RegEx" (https://learn.microsoft.com/python/api/azure-mgmt-cdn/azure.mgmt.cdn.types.requestheadermatchconditionparameters).</summary>
    private static readonly string[] RequestHeaderOperators =
        ["Any", "Equal", "Contains", "BeginsWith", "EndsWith", "LessThan", "LessThanOrEqual", "GreaterThan", "GreaterThanOrEqual", "RegEx"];

    /// <summary>"String transform list", ARM template support column (https://learn.microsoft.com/azure/frontdoor/rules-match-conditions).</summary>
    private static readonly string[] Transforms = ["Lowercase", "Uppercase", "Trim", "RemoveNulls", "UrlEncode", "UrlDecode"];

    /// <summary>HeaderAction: "Append", "Overwrite", "Delete" (https://learn.microsoft.com/dotnet/api/microsoft.azure.powershell.cmdlets.cdn.models.iheaderactionparameters.headeraction).</summary>
    private static readonly string[] HeaderActions = ["Append", "Overwrite", "Delete"];

    /// <summary>MatchProcessingBehavior: "Continue", "Stop"; "If not present, defaults to Continue"
    /// (https://learn.microsoft.com/dotnet/api/microsoft.azure.powershell.cmdlets.cdn.models.iruleupdateparameters.matchprocessingbehavior).</summary>
    private static readonly string[] MatchProcessingBehaviors = ["Continue", "Stop"];

    private IReadOnlyList<JsonNode> Rules
    {
        get
        {
            var rules = infrastructure.Defaults.OfType(FrontDoorRuleSets.RuleType).Select(rule => rule["properties"]!).ToList();
            Assert.NotEmpty(rules);
            return rules;
        }
    }

    [Fact]
    public void Every_condition_is_a_request_header_condition_with_a_documented_operator_and_documented_transforms() =>
        Assert.All(Rules.SelectMany(rule => rule["conditions"]!.AsArray()), condition =>
        {
            var parameters = condition!["parameters"]!;
            Assert.Equal("RequestHeader", (string?)condition["name"]);
            Assert.Equal("DeliveryRuleRequestHeaderConditionParameters", (string?)parameters["typeName"]);
            Assert.Contains((string?)parameters["operator"], RequestHeaderOperators);
            Assert.All(parameters["transforms"]?.AsArray() ?? [], transform => Assert.Contains((string?)transform, Transforms));
        });

    [Fact]
    public void Every_action_modifies_a_request_header_with_a_documented_header_action() =>
        Assert.All(Rules.SelectMany(rule => rule["actions"]!.AsArray()), action =>
        {
            var parameters = action!["parameters"]!;
            Assert.Equal("ModifyRequestHeader", (string?)action["name"]);
            Assert.Equal("DeliveryRuleHeaderActionParameters", (string?)parameters["typeName"]);
            Assert.Contains((string?)parameters["headerAction"], HeaderActions);
        });

    [Fact]
    public void Every_rule_has_a_documented_match_processing_behavior() =>
        Assert.All(Rules, rule => Assert.Contains((string?)rule["matchProcessingBehavior"], MatchProcessingBehaviors));
}
