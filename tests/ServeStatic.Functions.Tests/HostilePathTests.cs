using System.Text;

namespace ServeStatic.Functions.Tests;

/// <summary>
/// Request targets that try to reach outside the release, sent raw through the host (HttpClient would normalise them).
/// Beside the release in the published folder lie host.json, the app's assemblies and the release's own index files.
/// </summary>
[Collection(PackagedReleaseCollection.Name)]
public class HostilePathTests(PackagedReleaseHost fixture)
{
    /// <summary>A string of the published host.json, which must never come back.</summary>
    private const string HostJsonText = "routePrefix";

    public static TheoryData<string> HostileTargets => new()
    {
        "/../host.json",
        "/release/../host.json",
        "/%2e%2e/host.json",
        "/%2E%2E/%2e%2e/host.json",
        "/css/..%2f..%2fhost.json",
        "/css/..%5c..%5chost.json",
        "/css\\..\\..\\host.json",
        "/index.html%00",
        "/%00",
        "/index.html%00.json",
        "/release/current",
        "/releases/",
        "/ServeStatic.Functions.dll",
        "/" + new string('a', 5000),
        "/" + new string('a', 20000),
        "/" + string.Concat(Enumerable.Repeat("%2e%2e/", 600)) + "host.json",
    };

    [Theory]
    [MemberData(nameof(HostileTargets))]
    public async Task A_hostile_path_is_4xx_never_a_file_nor_a_5xx(string target)
    {
        var response = await RawHttp.SendAsync(fixture.Host.Address, target);
        Assert.InRange(response.Status, 400, 499);
        Assert.DoesNotContain(HostJsonText, Encoding.Latin1.GetString(response.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_raw_client_gets_a_plain_path()
    {
        var response = await RawHttp.SendAsync(fixture.Host.Address, "/robots.txt");
        Assert.Equal(200, response.Status);
        Assert.Equal(PackagedReleaseHost.SiteFile("/robots.txt"), response.Body);
    }
}
