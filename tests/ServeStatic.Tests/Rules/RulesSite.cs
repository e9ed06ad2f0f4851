using ServeStatic.Build;
using ServeStatic.Serving;

namespace ServeStatic.Tests.Rules;

/// <summary>A site with a <c>servestatic.json</c>, built by the real build and served by a real server.</summary>
internal static class RulesSite
{
    public static TempSite With(string rules, params string[] files) => WithFile("servestatic.json", rules, files);

    /// <summary>A site whose rules are in <paramref name="rulesFile"/> (<c>staticwebapp.config.json</c>, <c>_redirects</c>…) at its root.</summary>
    public static TempSite WithFile(string rulesFile, string rules, params string[] files)
    {
        var site = new TempSite();
        site.Write(rulesFile, rules);
        foreach (var file in files)
            site.Write(file.TrimStart('/'), $"<p>{file}</p>");
        return site;
    }

    public static async Task<ServerUnderTest> ServeAsync(TempSite site, Action<ServeStaticOptions>? configure = null)
    {
        await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site) { Compression = PrecompressionLevel.None }, site.Output());
        return await ServerUnderTest.StartAsync(site.Output(), options =>
        {
            options.MissRefreshSeconds = 0;
            configure?.Invoke(options);
        });
    }

    /// <summary>The build's error for a site with these rules: the build must fail, writing nothing.</summary>
    public static async Task<BuildException> BuildErrorAsync(string rules, params string[] files)
    {
        using var site = With(rules, files);
        return await BuildErrorAsync(site);
    }

    /// <summary>The build's error for <paramref name="site"/>: the build must fail, writing nothing.</summary>
    public static async Task<BuildException> BuildErrorAsync(TempSite site)
    {
        var error = await Assert.ThrowsAsync<BuildException>(() => ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site), site.Output()));
        Assert.False(Directory.Exists(Path.Join(site.Output(), "content")) && Directory.EnumerateFiles(Path.Join(site.Output(), "content")).Any(), "the build wrote content");
        return error;
    }
}
