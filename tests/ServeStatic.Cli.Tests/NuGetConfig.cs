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
}
