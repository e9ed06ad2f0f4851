using System.Collections.Concurrent;

namespace ServeStatic.Serving;

/// <summary>
/// The Locations a release's pattern redirects expanded, by request path: old URLs are asked for again and again (a moved
/// blog's links), and a repeated one is answered with the string made the first time rather than a new one. Within one
/// release a path always meets the same rule (assets and exact redirects are looked up first, patterns in order), so the
/// path alone is the key. Bounded: once <see cref="MaxEntries"/> are held, or for a long path, the Location is made per
/// request, as it was before; a flood of distinct paths costs at most the bound.
/// </summary>
internal sealed class PatternLocations
{
    /// <summary>At most this many paths are held per release.</summary>
    public const int MaxEntries = 1024;

    /// <summary>Paths longer than this are not held (with the bound, at most about 1 MB of paths).</summary>
    public const int MaxPathLength = 512;

    private readonly ConcurrentDictionary<string, string> _locations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private int _count;

    public PatternLocations() => _lookup = _locations.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The Location <paramref name="redirect"/> sends for <paramref name="path"/>, which its pattern matched with <paramref name="captures"/>.</summary>
    public string For(ReadOnlySpan<char> path, SiteRedirect redirect, ReadOnlySpan<Range> captures)
    {
        if (_lookup.TryGetValue(path, out var held))
            return held;
        var location = redirect.LocationFor(path, captures);
        if (path.Length <= MaxPathLength && Volatile.Read(ref _count) < MaxEntries && _lookup.TryAdd(path, location))
            Interlocked.Increment(ref _count);
        return location;
    }
}
