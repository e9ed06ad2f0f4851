using System.IO.Compression;
using System.Xml.Linq;

namespace ServeStatic.Cli.Tests;

/// <summary>
/// The three packages (ServeStatic, ServeStatic.Azure, ServeStatic.Cli) and the template package (ServeStatic.Templates)
/// packed by real <c>dotnet pack</c>, once per test run, into a temporary folder that serves as a package source.
/// </summary>
internal static class PackedPackages
{
    /// <summary>The packages with an assembly (and symbols), each from <c>src/&lt;id&gt;</c>.</summary>
    public static readonly string[] Ids = ["ServeStatic", "ServeStatic.Azure", "ServeStatic.Cli"];

    /// <summary>The <c>dotnet new</c> templates, from <c>templates/</c>.</summary>
    public const string TemplatesId = "ServeStatic.Templates";

    public static readonly string[] AllIds = [.. Ids, TemplatesId];

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private static readonly Lazy<Task<string>> Folder = new(PackAsync);

    /// <summary>The folder holding the <c>.nupkg</c> and <c>.snupkg</c> files.</summary>
    public static Task<string> FolderAsync() => Folder.Value;

    /// <summary>The path of package <paramref name="id"/>'s <c>.nupkg</c> (there is exactly one).</summary>
    public static async Task<string> PackageAsync(string id)
    {
        var folder = await FolderAsync();
        return Assert.Single(Directory.GetFiles(folder, id + ".*.nupkg"), path => IsVersion(Path.GetFileNameWithoutExtension(path)[(id.Length + 1)..]));
    }

    /// <summary>The version in <paramref name="package"/>'s file name.</summary>
    public static string VersionOf(string id, string package) => Path.GetFileNameWithoutExtension(package)[(id.Length + 1)..];

    /// <summary>The .nuspec inside a package.</summary>
    public static XElement Nuspec(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        using var stream = Assert.Single(zip.Entries, entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XElement.Load(stream);
    }

    /// <summary>The paths of the files inside a package.</summary>
    public static IReadOnlyList<string> Entries(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(entry => entry.FullName).ToList();
    }

    // "ServeStatic.Azure.0.1.0" also matches "ServeStatic.*.nupkg": the rest of the name must be a version.
    private static bool IsVersion(string text) => text.Length > 0 && char.IsAsciiDigit(text[0]);

    private static async Task<string> PackAsync()
    {
        var folder = Directory.CreateTempSubdirectory("servestatic-packages-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(folder);
        foreach (var project in Ids.Select(id => Path.Join("src", id)).Append(Path.Join("templates", TemplatesId + ".csproj")))
        {
            (await ChildProcess.RunAsync(Repository.Root, "dotnet",
                ["pack", project, "-c", Repository.Configuration, "-o", folder, "--nologo"], environment: null, Timeout)).EnsureSucceeded();
        }
        return folder;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; harmless.
        }
    }
}
