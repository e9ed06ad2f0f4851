namespace ServeStatic.Azure;

/// <summary>One release in a container, as <c>servestatic releases list</c> shows it.</summary>
/// <param name="Assets">How many URL paths it serves (a fingerprinted file counts at both its names).</param>
/// <param name="Bytes">The size of the site: the sum of its files' identity sizes, a fingerprinted file counted once.</param>
/// <param name="IsActive">True when <c>current</c> names it.</param>
public sealed record ReleaseInfo(string Id, DateTimeOffset Created, int Assets, long Bytes, bool IsActive)
{
    /// <summary>How many files: <see cref="Assets"/> less the fingerprinted names of files also served under their own.</summary>
    public int Files { get; init; }
}
