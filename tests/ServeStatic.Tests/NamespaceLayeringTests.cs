using System.Text.RegularExpressions;

namespace ServeStatic.Tests;

/// <summary>
/// The library's namespaces depend one way (docs/glossary.md): Index (the release model and store) ← Build ← Sources ←
/// Serving, with Fingerprinting used by Build, and the root namespace (site-path globs, parallel work) under all of them.
/// Read from the sources: a <c>using ServeStatic.X;</c> of a later layer, or a name qualified with it, is a cycle in the making.
/// </summary>
public partial class NamespaceLayeringTests
{
    private static readonly string[] Layers = ["", "Index", "Fingerprinting", "Build", "Sources", "Serving"];

    [Fact]
    public void Every_namespace_depends_only_on_the_layers_below_it()
    {
        var library = Repository.File(Path.Join("src", "ServeStatic"));
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var folder = Path.GetRelativePath(library, Path.GetDirectoryName(file)!);
            var layer = Array.IndexOf(Layers, folder == "." ? "" : folder);
            Assert.True(layer >= 0, $"{file}: in a folder that is no layer; add it to {nameof(Layers)} and to docs/glossary.md");
            foreach (Match used in NamespaceUse().Matches(File.ReadAllText(file)))
            {
                var usedLayer = Array.IndexOf(Layers, used.Groups[1].Value);
                if (usedLayer > layer)
                    violations.Add($"{Path.GetRelativePath(library, file)} ({Layers[layer]}) uses ServeStatic.{used.Groups[1].Value}");
            }
        }
        Assert.Empty(violations);
    }

    [GeneratedRegex(@"\bServeStatic\.(Index|Fingerprinting|Build|Sources|Serving)\b")]
    private static partial Regex NamespaceUse();
}
