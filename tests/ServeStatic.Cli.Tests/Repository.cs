using System.Reflection;

namespace ServeStatic.Cli.Tests;

/// <summary>The repository these tests run in, for tests that start <c>dotnet</c> on its projects.</summary>
internal static class Repository
{
    /// <summary>The folder holding ServeStatic.sln, found above the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this test run was built in, so a child build reuses that build instead of making another.</summary>
    public static string Configuration { get; } =
        typeof(Commands).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    private static string FindRoot()
    {
        var folder = AppContext.BaseDirectory;
        while (!File.Exists(Path.Join(folder, "ServeStatic.sln")))
            folder = Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("the repository root is not above " + AppContext.BaseDirectory);
        return folder;
    }
}
