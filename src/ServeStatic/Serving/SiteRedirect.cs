using ServeStatic.Index;

namespace ServeStatic.Serving;

/// <summary>
/// A redirect of the loaded release, ready to send: its status, and its Location for an exact rule (escaped) or its target for
/// a pattern (expanded only when the redirect is sent). Folder redirects (<c>/docs</c> → <c>/docs/</c>) are 301s that keep the query.
/// </summary>
internal sealed class SiteRedirect
{
    private SiteRedirect(string? location, RoutePattern? from, RouteTarget? to, int status, bool preserveQuery)
    {
        Location = location;
        From = from;
        To = to;
        Status = status;
        PreserveQuery = preserveQuery;
        IsExternal = !(location ?? to!.Text).StartsWith('/');
    }

    /// <summary>The Location of an exact redirect (before the app's path base and the query).</summary>
    public string? Location { get; }

    public RoutePattern? From { get; }

    public RouteTarget? To { get; }

    public int Status { get; }

    public bool PreserveQuery { get; }

    /// <summary>An absolute http(s) URL: sent without the app's path base.</summary>
    public bool IsExternal { get; }

    public static SiteRedirect Folder(string location) => new(location, null, null, 301, preserveQuery: true);

    public static SiteRedirect Exact(RedirectRule rule) => new(rule.To, null, null, rule.Status, rule.PreserveQuery);

    /// <summary>A pattern rule; the rule was checked when its index was read.</summary>
    public static SiteRedirect Pattern(RedirectRule rule, RoutePattern from) =>
        RouteTarget.TryParse(rule.To, from, out var to, out var problem)
            ? new(null, from, to, rule.Status, rule.PreserveQuery)
            : throw new InvalidOperationException(problem);

    /// <summary>The Location for <paramref name="path"/>, which <see cref="From"/> matched with <paramref name="captures"/>.</summary>
    public string LocationFor(ReadOnlySpan<char> path, ReadOnlySpan<Range> captures) =>
        Location ?? To!.Expand(path, captures, escape: true);
}
