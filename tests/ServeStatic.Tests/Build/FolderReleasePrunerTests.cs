using ServeStatic.Build;
using ServeStatic.Index;

namespace ServeStatic.Tests.Build;

public class FolderReleasePrunerTests
{
    private static readonly string Shared = TempSite.CompressibleText(4000);

    /// <summary>Builds the site with <paramref name="page"/> as its changing file; each index is dated a minute after the last.</summary>
    private static async Task<string> BuildAsync(TempSite site, string page, int minute)
    {
        // Fixed file times: the same page gives the same release id.
        foreach (var file in new[] { site.Write("index.html", page), site.Write("css/shared.css", Shared) })
            File.SetLastWriteTimeUtc(file, new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc));
        var result = await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site), site.Output());
        File.SetLastWriteTimeUtc(Path.Join(site.Output(), "releases", result.ReleaseId + ".json"), new DateTime(2026, 11, 23, 12, minute, 0, DateTimeKind.Utc));
        return result.ReleaseId;
    }

    private static ReleaseIndex Index(TempSite site, string id) =>
        IndexSerializer.Deserialize(File.ReadAllBytes(Path.Join(site.Output(), "releases", id + ".json")), id);

    private static string[] Releases(TempSite site) =>
        [.. Directory.EnumerateFiles(Path.Join(site.Output(), "releases")).Select(path => Path.GetFileNameWithoutExtension(path)).Order(StringComparer.Ordinal)];

    private static bool Stored(TempSite site, string key) => File.Exists(Path.Join(site.Output(), "content", key));

    [Fact]
    public async Task The_newest_releases_are_kept_and_content_only_older_ones_used_is_deleted()
    {
        using var site = new TempSite();
        var first = await BuildAsync(site, "<p>one</p>", 1);
        var firstKeys = Index(site, first).ContentKeys().ToList();
        var second = await BuildAsync(site, "<p>two</p>", 2);
        var third = await BuildAsync(site, "<p>three</p>", 3);

        var result = FolderReleasePruner.Prune(site.Output(), keep: 2);

        Assert.Equal([first], result.DeletedReleases);
        Assert.Equal([third, second], result.KeptReleases);
        Assert.Equal(new[] { second, third }.Order(StringComparer.Ordinal), Releases(site));
        // The first page's body went with it; the stylesheet all three share stayed.
        var onlyFirst = firstKeys.Except(Index(site, second).ContentKeys()).Except(Index(site, third).ContentKeys()).ToList();
        Assert.NotEmpty(onlyFirst);
        Assert.Equal(onlyFirst.Count, result.DeletedContent);
        Assert.All(onlyFirst, key => Assert.False(Stored(site, key)));
        Assert.All(Index(site, second).ContentKeys().Concat(Index(site, third).ContentKeys()), key => Assert.True(Stored(site, key)));
    }

    [Fact]
    public async Task The_current_release_is_kept_even_when_it_is_not_among_the_newest()
    {
        using var site = new TempSite();
        var first = await BuildAsync(site, "<p>one</p>", 1);
        var second = await BuildAsync(site, "<p>two</p>", 2);
        // Rebuilding the first site makes its (unchanged, older) index current again.
        Assert.Equal(first, await BuildAsync(site, "<p>one</p>", 1));

        var result = FolderReleasePruner.Prune(site.Output(), keep: 1);

        Assert.Empty(result.DeletedReleases);
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), Releases(site));
        Assert.Equal(first + "\n", File.ReadAllText(Path.Join(site.Output(), "current")));
    }

    [Fact]
    public async Task Content_no_index_refers_to_is_left_alone()
    {
        using var site = new TempSite();
        await BuildAsync(site, "<p>one</p>", 1);
        await BuildAsync(site, "<p>two</p>", 2);
        // What a build that failed before writing its index left behind.
        var unclaimed = Path.Join(site.Output(), "content", new string('c', 64));
        File.WriteAllText(unclaimed, "a build in progress");

        FolderReleasePruner.Prune(site.Output(), keep: 1);

        Assert.True(File.Exists(unclaimed));
    }

    [Fact]
    public async Task An_unreadable_index_stops_the_prune_before_anything_is_deleted()
    {
        using var site = new TempSite();
        await BuildAsync(site, "<p>one</p>", 1);
        await BuildAsync(site, "<p>two</p>", 2);
        await BuildAsync(site, "<p>three</p>", 3);
        var broken = Path.Join(site.Output(), "releases", "broken.json");
        File.WriteAllText(broken, "{ not json");
        var before = Directory.EnumerateFiles(site.Output(), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        var e = Assert.Throws<BuildException>(() => FolderReleasePruner.Prune(site.Output(), keep: 1));

        Assert.Equal(broken, e.Where);
        Assert.Contains("nothing is pruned", e.Problem, StringComparison.Ordinal);
        Assert.Equal(before, Directory.EnumerateFiles(site.Output(), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Keeping_fewer_than_one_release_is_refused(int keep)
    {
        using var site = new TempSite();
        await BuildAsync(site, "<p>one</p>", 1);

        var e = Assert.Throws<BuildException>(() => FolderReleasePruner.Prune(site.Output(), keep));

        Assert.Contains("keep at least 1", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_releases_is_refused_by_name()
    {
        using var site = new TempSite();
        await BuildAsync(site, "<p>one</p>", 1);
        Directory.Delete(Path.Join(site.Output(), "releases"), recursive: true);

        var e = Assert.Throws<BuildException>(() => FolderReleasePruner.Prune(site.Output(), keep: 1));

        Assert.Equal(Path.Join(site.Output(), "releases"), e.Where);
    }

    [Fact]
    public void A_folder_without_a_current_release_is_refused_by_name()
    {
        using var site = new TempSite();
        Directory.CreateDirectory(Path.Join(site.Output(), "releases"));

        var e = Assert.Throws<BuildException>(() => FolderReleasePruner.Prune(site.Output(), keep: 1));

        Assert.Equal(Path.Join(site.Output(), "current"), e.Where);
    }
}
