using System.Reflection;

namespace ServeStatic.Testing;

/// <summary>
/// The repository the tests run in: its root, its files, and the configuration this test run was built in.
/// </summary>
internal static class Repository
{
    /// <summary>The folder holding ServeStatic.sln, found above the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this test run was built in, so a child build reuses that build instead of making another.</summary>
    public static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    /// <summary><c>samples/site</c>, the sample site.</summary>
    public static string SampleSite => File(Path.Join("samples", "site"));

    /// <summary>A path of the repository, given relative to its root.</summary>
    public static string File(string relativePath) => Path.GetFullPath(Path.Join(Root, relativePath));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(Path.Join(folder.FullName, "ServeStatic.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"Cannot find the repository (ServeStatic.sln) above {AppContext.BaseDirectory}.");
    }
}
