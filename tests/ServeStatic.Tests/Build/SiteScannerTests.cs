using ServeStatic.Build;

namespace ServeStatic.Tests.Build;

public class SiteScannerTests
{
    private static List<string> Scan(TempSite site, params string[] excludes) =>
        [.. SiteScanner.Scan(site.Site, [.. excludes.Select(SitePathGlob.Parse)]).Files.Select(file => file.UrlPath)];

    [Fact]
    public void Dotfiles_and_dot_folders_are_left_out()
    {
        using var site = new TempSite();
        site.Write("index.html", "<p>hi</p>");
        site.Write(".env", "SECRET=1");
        site.Write(".git/config", "[core]");
        site.Write("css/.DS_Store", "x");
        site.Write("css/.cache/app.css", "x");
        Assert.Equal(["/index.html"], Scan(site));
    }

    [Fact]
    public void The_well_known_folder_at_the_root_is_kept_but_dotfiles_inside_it_are_not()
    {
        using var site = new TempSite();
        site.Write(".well-known/security.txt", "Contact: x");
        site.Write(".well-known/.secret", "x");
        site.Write("docs/.well-known/other.txt", "x");
        Assert.Equal(["/.well-known/security.txt"], Scan(site));
    }

    [Fact]
    public void An_exclude_glob_without_a_slash_matches_names_at_any_depth()
    {
        using var site = new TempSite();
        site.Write("app.js", "x");
        site.Write("app.js.map", "x");
        site.Write("js/deep/lib.js.map", "x");
        Assert.Equal(["/app.js"], Scan(site, "*.map"));
    }

    [Fact]
    public void Exclude_patterns_are_site_path_globs_the_dialect_of_entry_points_and_header_rules()
    {
        using var site = new TempSite();
        site.Write("sw.js", "s");
        site.Write("js/deep/app.js", "a");
        site.Write("embed/w.css", "w{}");
        site.Write("app.css", "a{}");
        Assert.Equal(["/app.css"], Scan(site, "*.js", "embed/"));
    }

    [Fact]
    public void An_exclude_glob_with_a_slash_matches_from_the_site_root()
    {
        using var site = new TempSite();
        site.Write("drafts/a.html", "x");
        site.Write("blog/drafts/b.html", "x");
        Assert.Equal(["/drafts/a.html"], Scan(site, "/blog/drafts"));
    }

    [Fact]
    public void Excluding_a_folder_leaves_out_everything_in_it()
    {
        using var site = new TempSite();
        site.Write("index.html", "x");
        site.Write("private/a/b/c.txt", "x");
        Assert.Equal(["/index.html"], Scan(site, "private"));
    }

    [Fact]
    public void A_double_star_matches_any_number_of_folders()
    {
        using var site = new TempSite();
        site.Write("docs/a.md", "x");
        site.Write("docs/x/y/b.md", "x");
        site.Write("docs/x/y/b.html", "x");
        Assert.Equal(["/docs/x/y/b.html"], Scan(site, "docs/**/*.md"));
    }

    [Fact]
    public void A_trailing_slash_excludes_folders_only()
    {
        using var site = new TempSite();
        site.Write("tmp", "a file called tmp");
        site.Write("cache/tmp/x.txt", "x");
        Assert.Equal(["/tmp"], Scan(site, "tmp/"));
    }

    [Fact]
    public void Paths_keep_their_exact_case_spaces_and_non_ascii_characters()
    {
        using var site = new TempSite();
        site.Write("Docs/Read Me.TXT", "x");
        site.Write("café/naïve 日本.html", "x");
        Assert.Equal(["/Docs/Read Me.TXT", "/café/naïve 日本.html"], Scan(site));
    }

    [Fact]
    public void Last_modified_is_truncated_to_whole_seconds_in_utc()
    {
        using var site = new TempSite();
        var path = site.Write("a.txt", "x");
        File.SetLastWriteTimeUtc(path, new DateTime(2026, 5, 4, 3, 2, 1, 987, DateTimeKind.Utc));
        var file = Assert.Single(SiteScanner.Scan(site.Site, []).Files);
        Assert.Equal(new DateTimeOffset(2026, 5, 4, 3, 2, 1, TimeSpan.Zero), file.LastModified);
    }

    [Fact]
    public void A_symbolic_link_to_a_file_inside_the_site_is_served_at_the_link_path()
    {
        using var site = new TempSite();
        var target = site.Write("real/app.css", "body{}");
        File.CreateSymbolicLink(Path.Join(site.Site, "alias.css"), target);
        var files = SiteScanner.Scan(site.Site, []).Files;
        Assert.Equal(["/alias.css", "/real/app.css"], files.Select(file => file.UrlPath));
        Assert.Equal(target, files[0].FullPath);
    }

    [Theory]
    [InlineData("public-env", ".env", false)]
    [InlineData("gitdir", ".git", true)]
    [InlineData("config.txt", ".git/config", false)]
    [InlineData("latest", "drafts", true)]
    public void A_symbolic_link_to_a_path_the_site_leaves_out_is_refused_and_named(string name, string target, bool folder)
    {
        using var site = new TempSite();
        site.Write("index.html", "x");
        site.Write(".env", "SECRET=1");
        site.Write(".git/config", "[core]");
        site.Write("drafts/post.html", "draft");
        var link = Path.Join(site.Site, name);
        if (folder)
            Directory.CreateSymbolicLink(link, target);
        else
            File.CreateSymbolicLink(link, target);
        var e = Assert.Throws<BuildException>(() => SiteScanner.Scan(site.Site, [SitePathGlob.Parse("drafts/")]));
        Assert.Equal(link, e.Where);
        Assert.Contains($"is a symbolic link to {target}, which the site leaves out", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_into_the_well_known_folder_is_served()
    {
        using var site = new TempSite();
        site.Write(".well-known/security.txt", "Contact: x");
        File.CreateSymbolicLink(Path.Join(site.Site, "security.txt"), ".well-known/security.txt");
        var files = SiteScanner.Scan(site.Site, []).Files;
        Assert.Equal(["/.well-known/security.txt", "/security.txt"], files.Select(file => file.UrlPath));
    }

    [Fact]
    public void A_symbolic_link_that_leads_outside_the_site_is_refused_and_named()
    {
        using var site = new TempSite();
        site.Write("index.html", "x");
        var outside = Path.Join(site.Root, "secret.txt");
        File.WriteAllText(outside, "secret");
        var link = Path.Join(site.Site, "leak.txt");
        File.CreateSymbolicLink(link, outside);
        var e = Assert.Throws<BuildException>(() => SiteScanner.Scan(site.Site, []));
        Assert.Equal(link, e.Where);
        Assert.Contains("outside the site folder", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_folder_link_that_climbs_out_of_the_site_is_refused()
    {
        using var site = new TempSite();
        site.Write("index.html", "x");
        Directory.CreateSymbolicLink(Path.Join(site.Site, "up"), "../..");
        var e = Assert.Throws<BuildException>(() => SiteScanner.Scan(site.Site, []));
        Assert.Contains("outside the site folder", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_link_to_a_folder_that_contains_it_is_refused_as_a_loop()
    {
        using var site = new TempSite();
        site.Write("a/index.html", "x");
        Directory.CreateSymbolicLink(Path.Join(site.Site, "a", "again"), site.Site);
        var e = Assert.Throws<BuildException>(() => SiteScanner.Scan(site.Site, []));
        Assert.Contains("a loop", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_excluded_link_is_not_followed()
    {
        using var site = new TempSite();
        site.Write("index.html", "x");
        File.CreateSymbolicLink(Path.Join(site.Site, "leak.txt"), "/etc/hostname");
        Assert.Equal(["/index.html"], Scan(site, "leak.txt"));
    }

    [Fact]
    public void A_named_pipe_is_left_out_with_a_warning_naming_it()
    {
        using var site = new TempSite();
        site.Write("index.html", "x");
        var fifo = Path.Join(site.Site, "pipe.txt");
        SpecialFiles.MakeFifo(fifo);
        var scan = SiteScanner.Scan(site.Site, []);
        Assert.Equal(["/index.html"], scan.Files.Select(file => file.UrlPath));
        Assert.Equal($"{fifo}: a named pipe (FIFO), not a regular file; left out", Assert.Single(scan.Warnings));
    }

    [Fact]
    public void A_symbolic_link_to_a_named_pipe_is_left_out_with_a_warning_naming_both()
    {
        using var site = new TempSite();
        site.Write("index.html", "x");
        var fifo = Path.Join(site.Site, "data", "pipe");
        Directory.CreateDirectory(Path.GetDirectoryName(fifo)!);
        SpecialFiles.MakeFifo(fifo);
        var link = Path.Join(site.Site, "feed.json");
        File.CreateSymbolicLink(link, "data/pipe");
        var scan = SiteScanner.Scan(site.Site, []);
        Assert.Equal(["/index.html"], scan.Files.Select(file => file.UrlPath));
        Assert.Equal(
            [$"{fifo}: a named pipe (FIFO), not a regular file; left out", $"{link}: a symbolic link to {fifo}, a named pipe (FIFO), not a regular file; left out"],
            scan.Warnings.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_socket_is_left_out_with_a_warning_naming_it()
    {
        using var site = new TempSite();
        site.Write("index.html", "x");
        var path = Path.Join(site.Site, "app.sock");
        using var socket = SpecialFiles.MakeSocket(path);
        var scan = SiteScanner.Scan(site.Site, []);
        Assert.Equal(["/index.html"], scan.Files.Select(file => file.UrlPath));
        Assert.Equal($"{path}: a socket, not a regular file; left out", Assert.Single(scan.Warnings));
    }

    [Fact]
    public void A_special_file_the_site_leaves_out_gets_no_warning()
    {
        using var site = new TempSite();
        site.Write("index.html", "x");
        SpecialFiles.MakeFifo(Path.Join(site.Site, ".pipe"));
        Assert.Empty(SiteScanner.Scan(site.Site, []).Warnings);
    }

    [Fact]
    public void A_missing_site_folder_is_refused()
    {
        using var site = new TempSite();
        var missing = Path.Join(site.Root, "nope");
        var e = Assert.Throws<BuildException>(() => SiteScanner.Scan(missing, []));
        Assert.Equal($"{missing}: the site folder does not exist", e.Message);
    }

    [Fact]
    public void A_site_with_nothing_to_serve_is_refused()
    {
        using var site = new TempSite();
        site.Write(".gitignore", "x");
        var e = Assert.Throws<BuildException>(() => SiteScanner.Scan(site.Site, []));
        Assert.Contains("no files to serve", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tab\there.txt", "control character U+0009")]
    [InlineData("back\\slash.txt", "backslash")]
    public void A_name_that_cannot_be_a_url_segment_is_refused_and_named(string name, string problem)
    {
        using var site = new TempSite();
        var path = site.Write(name, "x");
        var e = Assert.Throws<BuildException>(() => SiteScanner.Scan(site.Site, []));
        Assert.Equal(path, e.Where);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_path_longer_than_the_limit_is_refused()
    {
        using var site = new TempSite();
        var segment = new string('d', 200);
        var path = site.Write(string.Join('/', Enumerable.Repeat(segment, 6)) + "/x.txt", "x");
        var e = Assert.Throws<BuildException>(() => SiteScanner.Scan(site.Site, []));
        Assert.Equal(path, e.Where);
        Assert.Contains($"the limit is {SiteScanner.MaxUrlPathLength}", e.Problem, StringComparison.Ordinal);
    }
}
