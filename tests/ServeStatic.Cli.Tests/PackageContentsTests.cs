using System.Xml.Linq;

namespace ServeStatic.Cli.Tests;

/// <summary>What <c>dotnet pack</c> puts in the packages (<see cref="PackedPackages"/>), as nuget.org shows and a restore uses it.</summary>
[Collection(ChildBuildCollection.Name)]
public sealed class PackageContentsTests
{
    public static TheoryData<string> Ids => new(PackedPackages.Ids);

    public static TheoryData<string> AllIds => new(PackedPackages.AllIds);

    [Theory]
    [MemberData(nameof(AllIds))]
    public async Task Each_package_carries_its_readme_and_names_the_MIT_licence_and_its_repository(string id)
    {
        var package = await PackedPackages.PackageAsync(id);
        var metadata = Metadata(PackedPackages.Nuspec(package));

        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Contains("README.md", PackedPackages.Entries(package));
        var license = Assert.Single(metadata.Elements(), e => e.Name.LocalName == "license");
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
        var repository = Assert.Single(metadata.Elements(), e => e.Name.LocalName == "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.StartsWith("https://", (string?)repository.Attribute("url"), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit"));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Each_package_has_a_symbol_package_beside_it_with_its_pdbs(string id)
    {
        var package = await PackedPackages.PackageAsync(id);
        var symbols = Path.ChangeExtension(package, ".snupkg");

        Assert.True(File.Exists(symbols), $"no symbol package beside {package}");
        Assert.Contains(PackedPackages.Entries(symbols), entry => entry.EndsWith($"/{id}.pdb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_packages_have_one_version()
    {
        var versions = new List<string>();
        foreach (var id in PackedPackages.AllIds)
            versions.Add(Value(Metadata(PackedPackages.Nuspec(await PackedPackages.PackageAsync(id))), "version"));

        Assert.Single(versions.Distinct());
    }

    [Fact]
    public async Task The_ServeStatic_package_carries_its_build_targets_and_the_runner_they_start()
    {
        var entries = PackedPackages.Entries(await PackedPackages.PackageAsync("ServeStatic"));

        Assert.Contains("buildTransitive/ServeStatic.targets", entries);
        Assert.Contains("lib/net10.0/ServeStatic.dll", entries);
        foreach (var file in new[] { "ServeStatic.BuildRunner.dll", "ServeStatic.BuildRunner.runtimeconfig.json", "ServeStatic.BuildRunner.deps.json", "ServeStatic.dll", "ZstdSharp.dll" })
            Assert.Contains("tools/net10.0/" + file, entries);
    }

    private static XElement Metadata(XElement nuspec) => Assert.Single(nuspec.Elements(), e => e.Name.LocalName == "metadata");

    private static string Value(XElement metadata, string name) => Assert.Single(metadata.Elements(), e => e.Name.LocalName == name).Value;
}
