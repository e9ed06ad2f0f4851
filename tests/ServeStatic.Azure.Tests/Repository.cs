using System.Reflection;

namespace ServeStatic.Azure.Tests;

/// <summary>The repository these tests run in, for tests that start its tools and scripts.</summary>
internal static class Repository
{
    /// <summary>The folder holding ServeStatic.sln, found above the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this test run was built in, so a child build reuses that build instead of making another.</summary>
    public static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ServeStatic.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"Cannot find the repository (ServeStatic.sln) above {AppContext.BaseDirectory}.");
    }
}
