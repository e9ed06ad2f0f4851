using System.Text.Json;

namespace ServeStatic.Functions.Tests;

/// <summary>What the published worker starts with (bench/README.md, "Functions host": a 10,000-file release's cold start).</summary>
public class StartupSettingsTests
{
    [Fact]
    public async Task The_worker_loads_its_release_without_background_collections_and_with_loops_optimised_at_once()
    {
        var folder = await PublishedApp.FolderAsync();
        using var config = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Join(folder, "ServeStatic.Functions.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.False(properties.GetProperty("System.Runtime.TieredCompilation.QuickJitForLoops").GetBoolean());
    }
}
