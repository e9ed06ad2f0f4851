namespace ServeStatic.Cli.Tests;

/// <summary>The nuget.config of a test's child builds and installs, so none reaches a registry the test did not name.</summary>
internal static class NuGetConfig
{
    /// <summary>No package source at all: a restore that wants a package fails, unless the test adds its own source.</summary>
    public const string WithoutSources = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
          </packageSources>
        </configuration>
        """;

    /// <summary>
    /// This machine's global packages folder (NUGET_PACKAGES, else ~/.nuget/packages): a folder feed holding every package
    /// the repository restored, so a restore from it needs no network.
    /// </summary>
    public static string MachinePackagesFolder { get; } =
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The local folders <paramref name="sources"/> as the only package sources.</summary>
    public static string WithSources(params string[] sources) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
        {string.Concat(sources.Select((source, i) => $"    <add key=\"local{i}\" value=\"{source}\" />\n"))}  </packageSources>
        </configuration>
        """;
}
