using System.Net;
using System.Text;
using ServeStatic.Index;
using ServeStatic.Serving;

namespace ServeStatic.Tests.Serving;

/// <summary>
/// A release folder damaged by hand or by accident is refused at load, with a message naming the file and the asset, and
/// the last good release keeps serving: never a 500, never a body that contradicts its headers.
/// </summary>
public class DamagedReleaseTests
{
    private static string ContentFile(string folder, string text, string suffix = "") =>
        Path.Combine(folder, "content", TestRelease.Sha256(Encoding.UTF8.GetBytes(text)) + suffix);

    private static async Task AssertRefusedAsync(Action<string> damage, string expectedProblem, Action<ServeStaticOptions>? configure = null)
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/good.txt", "good", compress: false).WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o =>
        {
            o.Folder.PollSeconds = 1;
            configure?.Invoke(o);
        });

        // Written and damaged aside, then moved in with `current` last, so the server never sees it undamaged.
        using var aside = new TempFolder();
        var id = new TestRelease().Add("/bad.txt", "bad bytes here", compress: false).WriteTo(aside.Path);
        damage(aside.Path);
        foreach (var file in Directory.EnumerateFiles(aside.Path, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "current"))
        {
            var target = Path.Combine(folder.Path, Path.GetRelativePath(aside.Path, file));
            if (new FileInfo(file).LinkTarget is { } link)
                File.CreateSymbolicLink(target, link);
            else
                File.Copy(file, target, overwrite: true);
        }
        File.WriteAllText(Path.Combine(folder.Path, ReleaseLayout.Current), ReleaseLayout.FormatCurrent(id));

        await server.Logs.WaitForAsync(e => e.Exception is InvalidReleaseException && e.Exception.Message.Contains(expectedProblem, StringComparison.Ordinal),
            "a load failure saying " + expectedProblem);
        using var good = await server.GetAsync("/good.txt");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("good", await good.Content.ReadAsStringAsync());
    }

    [Fact]
    public Task A_truncated_content_file_is_refused_at_load() =>
        AssertRefusedAsync(folder => File.WriteAllText(ContentFile(folder, "bad bytes here"), "bad"), "has 3 bytes where the index records 14");

    [Fact]
    public Task A_padded_content_file_is_refused_at_load() =>
        AssertRefusedAsync(folder => File.AppendAllText(ContentFile(folder, "bad bytes here"), "and more"), "has 22 bytes where the index records 14");

    [Fact]
    public Task A_missing_content_file_is_refused_at_load() =>
        AssertRefusedAsync(folder => File.Delete(ContentFile(folder, "bad bytes here")), "is missing (release ");

    /// <summary>The content is checked while the snapshot is built; a fault of the content is still the error a load reports.</summary>
    [Fact]
    public Task A_missing_content_file_is_the_reported_fault_when_the_release_also_lacks_the_configured_404_page() =>
        AssertRefusedAsync(folder => File.Delete(ContentFile(folder, "bad bytes here")), "is missing (release ", o => o.NotFoundPage = "/good.txt");

    [Fact]
    public Task A_content_file_replaced_by_a_link_is_refused_at_load() =>
        AssertRefusedAsync(folder =>
        {
            var file = ContentFile(folder, "bad bytes here");
            var elsewhere = Path.Combine(folder, "elsewhere.txt");
            File.Move(file, elsewhere);
            File.CreateSymbolicLink(file, elsewhere);
        }, "is a link, not a file of the release");

    [Theory]
    [InlineData("text/plain\r\nX-Injected: yes", "U+000D")]
    [InlineData("text/plaîn", "U+00EE")]
    [InlineData("plain", "is not type/subtype")]
    [InlineData("", "contentType is empty")]
    public Task An_index_with_a_content_type_no_header_can_carry_is_refused(string contentType, string expectedProblem) =>
        AssertRefusedAsync(folder => EditIndex(folder, index => index with
        {
            Assets = [.. index.Assets.Select(a => a with { ContentType = contentType })],
        }), expectedProblem);

    [Fact]
    public Task An_index_with_a_huge_content_type_is_refused() =>
        AssertRefusedAsync(folder => EditIndex(folder, index => index with
        {
            Assets = [.. index.Assets.Select(a => a with { ContentType = "text/plain; x=" + new string('a', 10_000) })],
        }), "characters long (at most 256)");

    [Fact]
    public Task An_index_with_no_assets_is_refused() =>
        AssertRefusedAsync(folder => EditIndex(folder, index => index with { Assets = [] }), "the index lists no assets");

    [Fact]
    public Task An_index_whose_variant_points_at_another_variants_key_is_refused() =>
        AssertRefusedAsync(folder => EditIndex(folder, index => index with
        {
            Assets = [.. index.Assets.Select(a => a with
            {
                Variants = [a.Variants[0], new VariantRecord(ContentEncoding.Brotli, a.Variants[0].Size, a.Variants[0].Key, a.Variants[0].Sha256)],
            })],
        }), "br variant's key");

    /// <summary>Rewrites the index <c>current</c> names in place, as a person with an editor would (same file, same id).</summary>
    private static void EditIndex(string folder, Func<ReleaseIndex, ReleaseIndex> edit)
    {
        var id = File.ReadAllText(Path.Combine(folder, "current")).Trim();
        var path = Path.Combine(folder, ReleaseLayout.IndexPath(id));
        var index = IndexSerializer.Deserialize(File.ReadAllBytes(path), path);
        File.WriteAllBytes(path, IndexSerializer.Serialize(edit(index)));
    }
}
