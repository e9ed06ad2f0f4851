using ServeStatic.Tests.Fingerprinting;

namespace ServeStatic.Interop.Tests;

/// <summary>Files of the repository the tests run in.</summary>
internal static class Repository
{
    /// <summary>The repository's root: the folder above <c>samples/site</c>'s parent.</summary>
    public static string Root { get; } = Path.GetFullPath(Path.Combine(FingerprintedSampleSite.SitePath, "..", ".."));

    public static string File(string relativePath) => Path.Combine(Root, relativePath);
}
