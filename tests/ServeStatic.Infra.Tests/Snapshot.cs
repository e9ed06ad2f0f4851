using System.Text.Json.Nodes;

namespace ServeStatic.Infra.Tests;

/// <summary>
/// The resources `bicep snapshot` predicts for one parameters file: modules flattened, conditions decided, and every
/// expression the compiler can evaluate before deployment evaluated (runtime values stay `[reference(...)]`).
/// </summary>
public sealed class Snapshot
{
    public Snapshot(JsonNode document)
    {
        Resources = document["predictedResources"]!.AsArray().Select(resource => resource!).ToList();
        Outputs = document["outputs"]!.AsObject();
        Diagnostics = document["diagnostics"]!.AsArray().Select(diagnostic => diagnostic!.ToJsonString()).ToList();
    }

    public IReadOnlyList<string> Diagnostics { get; }

    public IReadOnlyList<JsonNode> Resources { get; }

    public JsonObject Outputs { get; }

    public IReadOnlyList<JsonNode> OfType(string type) =>
        Resources.Where(resource => (string?)resource["type"] == type).ToList();

    public JsonNode Single(string type) => Single(type, _ => true, type);

    public JsonNode Named(string type, string name) =>
        Single(type, resource => (string?)resource["name"] == name, $"{type} named {name}");

    /// <summary>Resource id of the blob container with this name.</summary>
    public string ContainerId(string containerName) =>
        (string)Single(
            "Microsoft.Storage/storageAccounts/blobServices/containers",
            resource => ((string)resource["name"]!).EndsWith($"/default/{containerName}", StringComparison.Ordinal),
            $"container {containerName}")["id"]!;

    /// <summary>Resource id of the storage account that holds the blob container with this name.</summary>
    public string AccountIdOf(string containerName)
    {
        var containerId = ContainerId(containerName);
        return containerId[..containerId.IndexOf("/blobServices/", StringComparison.Ordinal)];
    }

    /// <summary>The function app's application settings, by name.</summary>
    public IReadOnlyDictionary<string, string> AppSettings =>
        Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(setting => (string)setting!["name"]!, setting => (string)setting!["value"]!);

    /// <summary>The role assignments (for a deployer left to `deployer()`, scope is the unevaluated id).</summary>
    public IReadOnlyList<RoleAssignment> RoleAssignments =>
        OfType("Microsoft.Authorization/roleAssignments").Select(RoleAssignment.From).ToList();

    private JsonNode Single(string type, Func<JsonNode, bool> predicate, string description)
    {
        var matches = OfType(type).Where(predicate).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException(
                $"Expected one {description}, found {matches.Count}. Predicted: {string.Join(", ", Resources.Select(r => $"{r["type"]} {r["name"]}"))}");
    }
}

/// <summary>A predicted role assignment: the role (a built-in role definition GUID), to whom, and where.</summary>
public sealed record RoleAssignment(string RoleDefinition, string PrincipalId, string? PrincipalType, string Scope)
{
    private const string Marker = "/providers/Microsoft.Authorization/roleAssignments/";

    public static RoleAssignment From(JsonNode resource)
    {
        var id = (string)resource["id"]!;
        var properties = resource["properties"]!;
        var roleDefinitionId = (string)properties["roleDefinitionId"]!;
        return new RoleAssignment(
            roleDefinitionId[(roleDefinitionId.LastIndexOf('/') + 1)..],
            (string)properties["principalId"]!,
            (string?)properties["principalType"],
            id.StartsWith('[') ? id : id[..id.IndexOf(Marker, StringComparison.Ordinal)]);
    }
}
