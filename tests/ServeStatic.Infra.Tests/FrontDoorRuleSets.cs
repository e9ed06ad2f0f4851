using System.Text.Json.Nodes;

namespace ServeStatic.Infra.Tests;

/// <summary>The predicted Front Door rule sets of one snapshot: each by name, its rules in order, and the route's list.</summary>
internal static class FrontDoorRuleSets
{
    public const string RuleSetType = "Microsoft.Cdn/profiles/ruleSets";
    public const string RuleType = "Microsoft.Cdn/profiles/ruleSets/rules";
    public const string RouteType = "Microsoft.Cdn/profiles/afdEndpoints/routes";

    /// <summary>The rule set of that name (a predicted name is profile/ruleSet).</summary>
    public static JsonNode RuleSet(this Snapshot snapshot, string name) =>
        Assert.Single(snapshot.OfType(RuleSetType), resource => NamePart((string)resource["name"]!, 1) == name);

    /// <summary>The rules of the rule set of that name, by their order property (a predicted name is profile/ruleSet/rule).</summary>
    public static IReadOnlyList<JsonNode> RulesOf(this Snapshot snapshot, string ruleSetName) =>
        snapshot.OfType(RuleType)
            .Where(resource => NamePart((string)resource["name"]!, 1) == ruleSetName)
            .OrderBy(resource => (int)resource["properties"]!["order"]!)
            .ToList();

    /// <summary>The ids of the rule sets the route applies, in the order it lists them (the order Front Door runs them).</summary>
    public static IReadOnlyList<string> RouteRuleSetIds(this Snapshot snapshot) =>
        snapshot.Single(RouteType)["properties"]!["ruleSets"]!.AsArray().Select(ruleSet => (string)ruleSet!["id"]!).ToList();

    /// <summary>The last part of a resource name: the rule set's or the rule's own name.</summary>
    public static string OwnName(JsonNode resource)
    {
        var name = (string)resource["name"]!;
        return name[(name.LastIndexOf('/') + 1)..];
    }

    private static string NamePart(string name, int index)
    {
        var parts = name.Split('/');
        return parts.Length > index ? parts[index] : "";
    }
}
