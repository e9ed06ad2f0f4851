using System.Text.Json.Nodes;

namespace ServeStatic.Infra.Tests;

/// <summary>
/// Front Door's documentation does not say whether its cache keeps one response per Accept-Encoding (docs/deploy.md,
/// "Front Door's cache key and Accept-Encoding"), so a rule set rewrites Accept-Encoding before the cache to `br`, `gzip`
/// or nothing: one coding the client listed, or identity. The behaviour tests run the compiled rules through a model of
/// the documented rules engine (<see cref="FrontDoorRulesEngine"/>), every way the documentation leaves open.
/// </summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed class AcceptEncodingRuleTests(CompiledInfrastructure infrastructure)
{
    private const string RuleSetName = "acceptEncoding";
    private const string AcceptEncoding = "Accept-Encoding";

    [Theory]
    [InlineData("gzip, deflate, br, zstd")] // Chrome, Edge, Firefox
    [InlineData("gzip, deflate, br")] // Safari; .NET HttpClient with DecompressionMethods.All
    [InlineData("deflate, gzip, br, zstd")] // curl --compressed
    [InlineData("BR, GZip")] // codings are case-insensitive (RFC 9110 §8.4.1)
    public void A_client_that_offers_br_without_weights_reaches_the_origin_offering_br_alone(string acceptEncoding) =>
        Assert.All(RulesEngineReading.All, reading => Assert.Equal("br", Forwarded(acceptEncoding, range: null, reading)));

    [Theory]
    [InlineData("gzip, deflate")] // Python requests and urllib3
    [InlineData("gzip")] // Go net/http; .NET HttpClient with DecompressionMethods.GZip
    [InlineData("deflate, x-gzip")] // x-gzip is gzip (RFC 9110 §8.4.1.3)
    [InlineData("gzip, zstd")]
    public void A_client_that_offers_gzip_but_not_br_reaches_the_origin_offering_gzip_alone(string acceptEncoding) =>
        Assert.All(RulesEngineReading.All, reading => Assert.Equal("gzip", Forwarded(acceptEncoding, range: null, reading)));

    [Theory]
    [InlineData(null)] // .NET HttpClient without automatic decompression
    [InlineData("")]
    [InlineData("identity")] // wget
    [InlineData("deflate")]
    [InlineData("zstd")] // no Front Door document names zstd
    [InlineData("*")]
    public void A_client_that_offers_neither_br_nor_gzip_reaches_the_origin_without_Accept_Encoding(string? acceptEncoding) =>
        Assert.All(RulesEngineReading.All, reading => Assert.Null(Forwarded(acceptEncoding, range: null, reading)));

    [Theory]
    [InlineData("br;q=0, gzip")] // refuses br
    [InlineData("gzip;q=0, br")] // refuses gzip
    [InlineData("gzip;q=1.0,deflate;q=0.6,identity;q=0.3")] // Ruby Net::HTTP
    [InlineData("br; q=1, gzip; q=0.5")]
    public void A_client_that_weights_its_codings_reaches_the_origin_without_Accept_Encoding_since_the_rules_cannot_read_weights(string acceptEncoding) =>
        Assert.All(RulesEngineReading.All, reading => Assert.Null(Forwarded(acceptEncoding, range: null, reading)));

    [Theory]
    [InlineData("gzip, deflate, br, zstd")]
    [InlineData("gzip, deflate")]
    [InlineData("br;q=0, gzip")]
    [InlineData("zstd")]
    public void A_byte_range_reaches_the_origin_without_Accept_Encoding_whatever_the_client_offered(string acceptEncoding) =>
        Assert.All(RulesEngineReading.All, reading => Assert.Null(Forwarded(acceptEncoding, range: "bytes=100-", reading)));

    [Fact]
    public void Whatever_codings_a_client_lists_the_origin_is_offered_one_of_them_unweighted_or_none()
    {
        var offered = new HashSet<string?>();
        foreach (var acceptEncoding in AcceptEncodingValues())
        {
            var unweighted = UnweightedCodings(acceptEncoding);
            foreach (var reading in RulesEngineReading.All)
            {
                var forwarded = Forwarded(acceptEncoding, range: null, reading);
                Assert.True(forwarded is null || unweighted.Contains(forwarded), $"'{acceptEncoding}' reached the origin as '{forwarded}' ({reading}).");
                offered.Add(forwarded);
            }
        }

        // Few copies per URL in any cache keyed on what reaches the origin: br, gzip and identity.
        Assert.Equal(new HashSet<string?> { "br", "gzip", null }, offered);
    }

    [Fact]
    public void The_rules_in_order_send_br_then_gzip_and_delete_anything_else() =>
        Assert.Equal(
            [
                "weightedToIdentity: Accept-Encoding contains ';' => delete Accept-Encoding",
                "brotli: no Range, Accept-Encoding lacks ';', Accept-Encoding contains 'br' => Accept-Encoding: br",
                "gzip: no Range, Accept-Encoding lacks ';', Accept-Encoding lacks 'br', Accept-Encoding contains 'gzip' => Accept-Encoding: gzip",
                "otherToIdentity: Accept-Encoding lacks 'br', Accept-Encoding lacks 'gzip' => delete Accept-Encoding",
            ],
            infrastructure.Defaults.RulesOf(RuleSetName).Select(Describe));

    [Fact]
    public void The_rules_are_numbered_from_one_in_order_and_each_lets_later_rules_run()
    {
        var rules = infrastructure.Defaults.RulesOf(RuleSetName).Select(rule => rule["properties"]!).ToList();

        Assert.Equal(Enumerable.Range(1, rules.Count), rules.Select(rule => (int)rule["order"]!));
        Assert.All(rules, rule => Assert.Equal("Continue", (string?)rule["matchProcessingBehavior"]));
    }

    [Fact]
    public void Accept_Encoding_is_lower_cased_before_it_is_matched() =>
        Assert.All(
            AcceptEncodingConditions(),
            condition => Assert.Equal(["Lowercase"], condition["transforms"]!.AsArray().Select(transform => (string)transform!)));

    [Fact]
    public void The_route_runs_the_byte_range_rule_set_then_this_one_in_every_parameter_set() =>
        Assert.All(
            new[] { infrastructure.Defaults, infrastructure.Customized, infrastructure.WithoutDeployer },
            snapshot =>
            {
                Assert.Equal(
                    [(string)snapshot.RuleSet("byteRanges")["id"]!, (string)snapshot.RuleSet(RuleSetName)["id"]!],
                    snapshot.RouteRuleSetIds());
                Assert.Equal(4, snapshot.RulesOf(RuleSetName).Count);
            });

    [Fact]
    public void The_route_is_created_after_the_rules_and_the_rules_one_at_a_time()
    {
        var resources = infrastructure.ModuleTemplates["frontDoor"]["resources"]!.AsArray().Select(resource => resource!).ToList();
        var rules = Assert.Single(resources, resource =>
            (string?)resource["type"] == FrontDoorRuleSets.RuleType && resource["copy"] is not null);
        var route = Assert.Single(resources, resource => (string?)resource["type"] == FrontDoorRuleSets.RouteType);

        Assert.Contains((string?)rules["copy"]!["name"], route["dependsOn"]!.AsArray().Select(dependency => (string?)dependency));
        Assert.Equal("serial", (string?)rules["copy"]!["mode"]);
        Assert.Equal(1, (int?)rules["copy"]!["batchSize"]);
    }

    /// <summary>The Accept-Encoding the origin receives when a client sends these headers through both rule sets.</summary>
    private string? Forwarded(string? acceptEncoding, string? range, RulesEngineReading reading)
    {
        var headers = new Dictionary<string, string>();
        if (acceptEncoding is not null)
            headers[AcceptEncoding] = acceptEncoding;
        if (range is not null)
            headers["Range"] = range;
        var ruleSets = infrastructure.Defaults.RouteRuleSetIds()
            .Select(id => infrastructure.Defaults.RulesOf(id[(id.LastIndexOf('/') + 1)..]));
        return FrontDoorRulesEngine.Run(ruleSets, headers, reading).GetValueOrDefault(AcceptEncoding);
    }

    /// <summary>Every list of one or two codings clients send, in either order, each unweighted, refused or weighted, with and without a third.</summary>
    private static List<string> AcceptEncodingValues()
    {
        string[] codings = ["br", "gzip", "zstd", "deflate", "identity", "*", "x-gzip", "BR", "Gzip"];
        var members = codings.SelectMany(coding => new[] { coding, $"{coding};q=0", $"{coding}; q=0.5" }).ToList();
        var values = new List<string>(members);
        foreach (var first in members)
        {
            foreach (var second in members.Where(second => second != first))
            {
                values.Add($"{first}, {second}");
                values.AddRange(codings.Select(third => $"{first}, {second}, {third}"));
            }
        }
        return values;
    }

    /// <summary>The codings a client lists without a weight, lower-cased, with x-gzip as gzip (RFC 9110 §8.4.1.3).</summary>
    private static HashSet<string> UnweightedCodings(string acceptEncoding) =>
        acceptEncoding.Split(',', StringSplitOptions.TrimEntries)
            .Where(member => !member.Contains(';'))
            .Select(member => member.ToLowerInvariant() is "x-gzip" ? "gzip" : member.ToLowerInvariant())
            .ToHashSet();

    private IEnumerable<JsonNode> AcceptEncodingConditions() =>
        infrastructure.Defaults.RulesOf(RuleSetName)
            .SelectMany(rule => rule["properties"]!["conditions"]!.AsArray())
            .Select(condition => condition!["parameters"]!)
            .Where(parameters => (string?)parameters["selector"] == AcceptEncoding);

    private static string Describe(JsonNode rule)
    {
        var properties = rule["properties"]!;
        var conditions = properties["conditions"]!.AsArray().Select(condition => condition!["parameters"]!).Select(parameters =>
        {
            var selector = (string)parameters["selector"]!;
            var negated = (bool)parameters["negateCondition"]!;
            return (string?)parameters["operator"] switch
            {
                "Any" => negated ? $"no {selector}" : selector,
                "Contains" => $"{selector} {(negated ? "lacks" : "contains")} {string.Join(" or ", parameters["matchValues"]!.AsArray().Select(text => $"'{text}'"))}",
                var other => $"{selector} {other}",
            };
        });
        var actions = properties["actions"]!.AsArray().Select(action => action!["parameters"]!).Select(parameters =>
            (string?)parameters["headerAction"] == "Delete"
                ? $"delete {parameters["headerName"]}"
                : $"{parameters["headerName"]}: {parameters["value"]}");
        return $"{FrontDoorRuleSets.OwnName(rule)}: {string.Join(", ", conditions)} => {string.Join(", ", actions)}";
    }
}
