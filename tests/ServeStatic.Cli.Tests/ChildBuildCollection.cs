namespace ServeStatic.Cli.Tests;

/// <summary>
/// Tests that start <c>dotnet build</c>, <c>publish</c> or <c>pack</c> on the repository's projects. One collection, so they
/// run one after another: a pack rebuilding the CLI must not race a build that runs that CLI or checks its timestamp.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChildBuildCollection
{
    public const string Name = "child dotnet builds";
}
