using System.Reflection;

namespace ServeStatic.Infra.Tests;

/// <summary>Where the build says the Bicep compiler and the Bicep files are (AssemblyMetadata from the csproj).</summary>
internal static class InfraPaths
{
    public static string BicepExecutable { get; } = Metadata("BicepExecutable");

    public static string InfraDirectory { get; } = Metadata("InfraDirectory");

    private static string Metadata(string key) =>
        typeof(InfraPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The test assembly has no '{key}' metadata; build it through ServeStatic.Infra.Tests.csproj.");
}
