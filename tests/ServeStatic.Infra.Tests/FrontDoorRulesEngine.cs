using System.Text.Json.Nodes;

namespace ServeStatic.Infra.Tests;

/// <summary>
/// What Front Door's documentation leaves open about running rules, as switches a test runs every way: whether a rule's
/// conditions read the client's request or the request as earlier rules left it, and whether a negated condition on a
/// header the request lacks matches.
/// </summary>
public sealed record RulesEngineReading(bool ConditionsSeeEarlierRewrites, bool NegatedConditionMatchesMissingHeader)
{
    public static IReadOnlyList<RulesEngineReading> All { get; } =
        [new(false, false), new(false, true), new(true, false), new(true, true)];
}

/// <summary>
/// Front Door's rules engine as documented, for the parts our rules use, run over the compiled rules to find the request
/// headers the origin receives. Documented: rule sets run in the order the route lists them and their rules in order
/// (https://learn.microsoft.com/azure/frontdoor/front-door-rules-engine); a rule's conditions are ANDed and a condition's
/// values ORed; "Any" matches a present header, "Contains" a value containing the text, negateCondition inverts; transforms
/// apply before matching (https://learn.microsoft.com/azure/frontdoor/rules-match-conditions); Overwrite sets a request
/// header, Delete removes it (https://learn.microsoft.com/azure/frontdoor/front-door-rules-engine-actions). Anything else
/// (another condition, operator, transform, action or Stop) is refused, so a rule this model cannot read fails the test
/// instead of passing unread.
/// </summary>
internal static class FrontDoorRulesEngine
{
    /// <summary>The request headers sent to the origin, by name (case-insensitive), after every rule of every rule set ran.</summary>
    public static IReadOnlyDictionary<string, string> Run(
        IEnumerable<IReadOnlyList<JsonNode>> ruleSets, IReadOnlyDictionary<string, string> clientHeaders, RulesEngineReading reading)
    {
        var client = new Dictionary<string, string>(clientHeaders, StringComparer.OrdinalIgnoreCase);
        var current = new Dictionary<string, string>(clientHeaders, StringComparer.OrdinalIgnoreCase);
        foreach (var rule in ruleSets.SelectMany(rules => rules).Select(rule => rule["properties"]!))
        {
            if ((string?)rule["matchProcessingBehavior"] != "Continue")
                throw new NotSupportedException($"The model runs rules that continue; this one has {rule["matchProcessingBehavior"]}.");
            var seen = reading.ConditionsSeeEarlierRewrites ? current : client;
            if (rule["conditions"]!.AsArray().All(condition => Matches(condition!, seen, reading)))
            {
                foreach (var action in rule["actions"]!.AsArray())
                    Apply(action!, current);
            }
        }
        return current;
    }

    private static bool Matches(JsonNode condition, IReadOnlyDictionary<string, string> headers, RulesEngineReading reading)
    {
        var parameters = condition["parameters"]!;
        if ((string?)condition["name"] != "RequestHeader")
            throw new NotSupportedException($"The model reads RequestHeader conditions only, not {condition["name"]}.");
        var negated = (bool)parameters["negateCondition"]!;
        var present = headers.TryGetValue((string)parameters["selector"]!, out var value);
        var matched = (string?)parameters["operator"] switch
        {
            "Any" => present,
            "Contains" when !present => negated && !reading.NegatedConditionMatchesMissingHeader,
            "Contains" => MatchValues(parameters).Any(text => Transform(value!, parameters).Contains(text, StringComparison.Ordinal)),
            var other => throw new NotSupportedException($"The model reads the Any and Contains operators only, not {other}."),
        };
        return negated ? !matched : matched;
    }

    private static IEnumerable<string> MatchValues(JsonNode parameters) =>
        parameters["matchValues"]!.AsArray().Select(text => (string)text!);

    private static string Transform(string value, JsonNode parameters) =>
        (parameters["transforms"]?.AsArray() ?? []).Aggregate(value, (text, transform) => (string?)transform switch
        {
            "Lowercase" => text.ToLowerInvariant(),
            var other => throw new NotSupportedException($"The model applies the Lowercase transform only, not {other}."),
        });

    private static void Apply(JsonNode action, Dictionary<string, string> headers)
    {
        var parameters = action["parameters"]!;
        if ((string?)action["name"] != "ModifyRequestHeader")
            throw new NotSupportedException($"The model applies ModifyRequestHeader actions only, not {action["name"]}.");
        var name = (string)parameters["headerName"]!;
        switch ((string?)parameters["headerAction"])
        {
            case "Overwrite":
                headers[name] = (string)parameters["value"]!;
                break;
            case "Delete":
                headers.Remove(name);
                break;
            case var other:
                throw new NotSupportedException($"The model applies Overwrite and Delete only, not {other}.");
        }
    }
}
