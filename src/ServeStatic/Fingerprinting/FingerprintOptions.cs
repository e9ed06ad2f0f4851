namespace ServeStatic.Fingerprinting;

/// <summary>How <c>servestatic build --fingerprint</c> fingerprints a site.</summary>
internal sealed record FingerprintOptions
{
    /// <summary>A reference that cannot be resolved or rewritten fails the build instead of being a warning (<c>--strict</c>).</summary>
    public bool Strict { get; init; }

    /// <summary>Adds <c>integrity</c> to the scripts and stylesheets of rewritten HTML (<c>--sri</c>).</summary>
    public bool SubresourceIntegrity { get; init; }

    /// <summary>Globs of site paths (<see cref="SitePathGlob"/>: <c>sw.js</c>, <c>/embed/**</c>) that keep their name, like HTML pages do.</summary>
    public IReadOnlyList<string> EntryPoints { get; init; } = [];
}
