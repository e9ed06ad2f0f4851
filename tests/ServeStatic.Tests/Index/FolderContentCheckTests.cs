using ServeStatic.Build;
using ServeStatic.Index;

namespace ServeStatic.Tests.Index;

public class FolderContentCheckTests
{
    private static async Task<(string Content, string Id, ReleaseIndex Index)> BuildAsync(TempSite site)
    {
        site.Write("index.html", "<!doctype html>" + TempSite.CompressibleText(8_000));
        site.Write("css/app.css", TempSite.CompressibleText(6_000));
        site.Write("copy/app.css", TempSite.CompressibleText(6_000));
        var result = await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site), site.Output());
        return (Path.Join(site.Output(), "content"), result.ReleaseId, result.Index);
    }

    private static string FileOf(string content, AssetRecord asset, ContentEncoding encoding) =>
        Path.Join(content, Assert.Single(asset.Variants, variant => variant.Encoding == encoding).Key);

    [Theory]
    [InlineData(ContentCheck.Size)]
    [InlineData(ContentCheck.Hash)]
    internal async Task A_release_as_built_has_no_faults(ContentCheck depth)
    {
        using var site = new TempSite();
        var (content, id, index) = await BuildAsync(site);

        Assert.Empty(FolderContentCheck.Faults(content, index, id, depth));
    }

    [Fact]
    public async Task An_empty_content_file_replaced_by_a_named_pipe_is_named_when_hashing_never_opened()
    {
        using var site = new TempSite();
        site.Write("empty.txt", "");
        var result = await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site), site.Output());
        var content = Path.Join(site.Output(), "content");
        var file = FileOf(content, result.Index.Assets.Single(asset => asset.Path == "/empty.txt"), ContentEncoding.Identity);
        File.Delete(file);
        SpecialFiles.MakeFifo(file);

        // Opened for hashing, a named pipe with no writer would block this check for good.
        var faults = await Task.Run(() => FolderContentCheck.Faults(content, result.Index, result.ReleaseId, ContentCheck.Hash)).WaitAsync(SpecialFiles.HangTimeout);
        var fault = Assert.Single(faults);
        Assert.Equal(file, fault.File);
        Assert.Equal("is a named pipe (FIFO), not a file of the release", fault.Problem);
    }

    [Fact]
    public async Task Other_bytes_of_the_same_length_pass_the_size_check_and_fail_the_hash_check()
    {
        using var site = new TempSite();
        var (content, id, index) = await BuildAsync(site);
        var file = FileOf(content, index.Assets.Single(asset => asset.Path == "/index.html"), ContentEncoding.Gzip);
        File.WriteAllBytes(file, [.. File.ReadAllBytes(file).Select(b => (byte)~b)]);

        Assert.Empty(FolderContentCheck.Faults(content, index, id, ContentCheck.Size));
        var fault = Assert.Single(FolderContentCheck.Faults(content, index, id, ContentCheck.Hash));
        Assert.Equal(file, fault.File);
        Assert.StartsWith("holds other bytes than the index records (its SHA-256 is ", fault.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fault_is_one_line_naming_the_file_the_release_the_asset_and_the_encoding()
    {
        using var site = new TempSite();
        var (content, id, index) = await BuildAsync(site);
        var file = FileOf(content, index.Assets.Single(asset => asset.Path == "/index.html"), ContentEncoding.Brotli);
        File.Delete(file);

        var fault = Assert.Single(FolderContentCheck.Faults(content, index, id, ContentCheck.Size));

        Assert.Equal($"{file}: is missing (release {id}, asset /index.html, br variant)", fault.ToString());
    }

    [Fact]
    public async Task A_truncated_file_and_a_link_are_faults_by_size_alone()
    {
        using var site = new TempSite();
        var (content, id, index) = await BuildAsync(site);
        var page = index.Assets.Single(asset => asset.Path == "/index.html");
        var truncated = FileOf(content, page, ContentEncoding.Identity);
        var linked = FileOf(content, page, ContentEncoding.Zstd);
        File.WriteAllBytes(truncated, File.ReadAllBytes(truncated)[..10]);
        var elsewhere = Path.Join(site.Root, "elsewhere");
        File.Move(linked, elsewhere);
        File.CreateSymbolicLink(linked, elsewhere);

        var faults = FolderContentCheck.Faults(content, index, id, ContentCheck.Size).ToDictionary(fault => fault.File, fault => fault.Problem);

        Assert.Equal(2, faults.Count);
        Assert.Equal($"has 10 bytes where the index records {page.Size}", faults[truncated]);
        Assert.Equal("is a link, not a file of the release", faults[linked]);
    }

    [Fact]
    public async Task A_content_file_several_assets_share_is_reported_once_naming_the_first()
    {
        using var site = new TempSite();
        var (content, id, index) = await BuildAsync(site);
        var file = FileOf(content, index.Assets.Single(asset => asset.Path == "/css/app.css"), ContentEncoding.Identity);
        File.Delete(file);

        var fault = Assert.Single(FolderContentCheck.Faults(content, index, id, ContentCheck.Hash));

        Assert.Equal("/copy/app.css", fault.Content.AssetPath);
    }
}
