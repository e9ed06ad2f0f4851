namespace ServeStatic.Tests;

/// <summary>The one glob dialect of <c>--exclude</c>, <c>--entry-point</c> and header rules (docs/globs.md).</summary>
public class SitePathGlobTests
{
    private static bool Matches(string pattern, string sitePath) => SitePathGlob.Parse(pattern).Matches(sitePath);

    [Fact]
    public void A_pattern_without_a_slash_matches_a_name_at_any_depth()
    {
        Assert.True(Matches("*.js", "/sw.js"));
        Assert.True(Matches("*.js", "/js/deep/app.js"));
        Assert.False(Matches("*.js", "/app.js.map"));
    }

    [Fact]
    public void A_pattern_with_a_slash_is_anchored_to_the_site_root_with_or_without_a_leading_one()
    {
        Assert.True(Matches("blog/drafts/*.html", "/blog/drafts/a.html"));
        Assert.True(Matches("/blog/drafts/*.html", "/blog/drafts/a.html"));
        Assert.False(Matches("blog/drafts/*.html", "/old/blog/drafts/a.html"));
        Assert.True(Matches("/sw.js", "/sw.js"));
        Assert.False(Matches("/sw.js", "/js/sw.js"));
    }

    [Fact]
    public void A_star_matches_within_one_segment_only()
    {
        Assert.True(Matches("/docs/*.md", "/docs/a.md"));
        Assert.False(Matches("/docs/*.md", "/docs/x/a.md"));
    }

    [Fact]
    public void A_double_star_matches_across_segments_and_a_double_star_slash_also_matches_none()
    {
        Assert.True(Matches("/**.html", "/index.html"));
        Assert.True(Matches("/**.html", "/docs/x/page.html"));
        Assert.True(Matches("docs/**/*.md", "/docs/a.md"));
        Assert.True(Matches("docs/**/*.md", "/docs/x/y/b.md"));
        Assert.False(Matches("docs/**/*.md", "/docs/x/y/b.html"));
    }

    [Fact]
    public void A_question_mark_matches_one_character_of_a_segment()
    {
        Assert.True(Matches("/v?/app.js", "/v1/app.js"));
        Assert.False(Matches("/v?/app.js", "/v10/app.js"));
        Assert.False(Matches("a?b", "/a/b"));
    }

    [Fact]
    public void A_pattern_that_matches_a_folder_matches_everything_in_it()
    {
        Assert.True(Matches("private", "/private/a/b/c.txt"));
        Assert.True(Matches("/embed/**", "/embed/w.js"));
        Assert.True(Matches("/blog/drafts", "/blog/drafts/"));
        Assert.False(Matches("private", "/private.txt"));
    }

    [Fact]
    public void A_trailing_slash_matches_folders_only()
    {
        Assert.True(Matches("tmp/", "/cache/tmp/x.txt"));
        Assert.True(Matches("tmp/", "/cache/tmp/"));
        Assert.False(Matches("tmp/", "/tmp"));
    }

    [Fact]
    public void Matching_is_case_sensitive_like_url_paths()
    {
        Assert.False(Matches("*.JS", "/app.js"));
        Assert.False(Matches("/Docs/", "/docs/a.md"));
    }

    [Fact]
    public void Characters_other_than_star_question_mark_and_slash_match_themselves()
    {
        Assert.True(Matches("/a+b (1).[js]", "/a+b (1).[js]"));
        Assert.False(Matches("a.js", "/abjs"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("/")]
    [InlineData("//")]
    public void An_empty_pattern_is_refused(string pattern)
    {
        var e = Assert.Throws<FormatException>(() => SitePathGlob.Parse(pattern));
        Assert.Equal("the pattern is empty", e.Message);
    }
}
