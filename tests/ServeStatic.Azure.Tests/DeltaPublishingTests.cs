using System.Security.Cryptography;
using ServeStatic.Azure.Tests.Azurite;
using ServeStatic.Build;
using ServeStatic.Index;

namespace ServeStatic.Azure.Tests;

/// <summary>
/// Dictionary transport (RFC 9842) through blob storage: releases built one after another into a folder carry dcz deltas
/// against the earlier versions of their script; publishing uploads them, the blob source serves them, prune keeps those a
/// kept release names.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class DeltaPublishingTests(AzuriteFixture azurite)
{
    private const string Script = "/js/app.js";
    private const int Functions = 400;

    /// <summary>Three releases of a page and a script built into one folder, each published to <paramref name="container"/> as it is made (the first activated).</summary>
    private static async Task<(BuildResult Release, byte[] Script)[]> BuildAndPublishAsync(global::Azure.Storage.Blobs.BlobContainerClient container, int releases, bool activateEach)
    {
        using var site = new TempSite();
        site.Write("index.html", "<!doctype html><script type=\"module\" src=\"/js/app.js\"></script>");
        var built = new (BuildResult, byte[])[releases];
        for (var i = 0; i < releases; i++)
        {
            var script = System.Text.Encoding.UTF8.GetBytes(VersionedScript.Text(Functions, i));
            site.Write("js/app.js", script);
            built[i] = (await ReleaseBuilder.BuildToFolderAsync(new BuildOptions(site.Site), site.Output()), script);
            await new ReleasePublisher(container).PublishAsync(site.Output(), activate: i == 0 || activateEach);
        }
        return built;
    }

    private static IEnumerable<VariantRecord> Deltas(BuildResult release) =>
        release.Index.Assets.Single(asset => asset.Path == Script).Variants.Where(variant => variant.Encoding.IsDelta());

    [Fact]
    public async Task A_publish_uploads_the_deltas_as_dcz_blobs_of_the_assets_type()
    {
        var container = await azurite.Server.CreateContainerAsync();
        var releases = await BuildAndPublishAsync(container, 2, activateEach: false);

        var delta = Assert.Single(Deltas(releases[1].Release));
        var blob = await container.GetBlobClient(ReleaseLayout.ContentPath(delta.Key)).DownloadContentAsync();
        Assert.Equal(delta.Size, blob.Value.Content.ToMemory().Length);
        // The bytes are a dcz body: labelled so, a client of the storage that cannot decode them fails, rather than taking
        // them for the script (docs/dictionary-transport.md).
        Assert.Equal("dcz", blob.Value.Details.ContentEncoding);
        Assert.Equal("text/javascript; charset=utf-8", blob.Value.Details.ContentType);
        Assert.Equal(releases[1].Script, Decode.Delta(blob.Value.Content.ToArray(), releases[0].Script));
    }

    [Fact]
    public async Task A_release_served_from_a_container_answers_the_delta_a_client_names()
    {
        var container = await azurite.Server.CreateContainerAsync();
        var releases = await BuildAndPublishAsync(container, 2, activateEach: true);
        await using var server = await BlobServer.StartAsync(azurite.Server.ConnectionString, container.Name, ("DictionaryTransport", "true"));

        using var request = new HttpRequestMessage(HttpMethod.Get, Script);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br, zstd, dcz");
        request.Headers.TryAddWithoutValidation("Available-Dictionary", ":" + Convert.ToBase64String(SHA256.HashData(releases[0].Script)) + ":");
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("dcz", Decode.ContentEncoding(response));
        Assert.Equal(releases[1].Script, Decode.Delta(await response.Content.ReadAsByteArrayAsync(), releases[0].Script));
    }

    [Fact]
    public async Task Prune_keeps_the_deltas_the_kept_releases_name_and_deletes_those_of_the_releases_it_deletes()
    {
        var container = await azurite.Server.CreateContainerAsync();
        // The first is active, the third the newest: prune keeps those two and deletes the second.
        var releases = await BuildAndPublishAsync(container, 3, activateEach: false);
        var second = Deltas(releases[1].Release).ToList();
        var third = Deltas(releases[2].Release).ToList();
        Assert.Single(second);
        Assert.Equal(2, third.Count);

        var summary = await new ReleaseManager(container).PruneAsync(keep: 1);

        Assert.Equal([releases[1].Release.ReleaseId], summary.DeletedReleases);
        var present = await ContentInventory.ListKeysAsync(container, default);
        Assert.All(third, delta => Assert.Contains(delta.Key, present));
        Assert.DoesNotContain(second[0].Key, present);
        await new ReleaseManager(container).ActivateAsync(releases[2].Release.ReleaseId); // still complete
    }
}
