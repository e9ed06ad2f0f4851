namespace ServeStatic.Azure;

/// <summary>One release in a container, as <c>servestatic releases list</c> shows it.</summary>
/// <param name="Bytes">The size of the site: the sum of the assets' identity sizes.</param>
/// <param name="IsActive">True when <c>current</c> names it.</param>
public sealed record ReleaseInfo(string Id, DateTimeOffset Created, int Assets, long Bytes, bool IsActive);
