using System.Net;

namespace ServeStatic.Functions.Tests;

/// <summary>The packaged release is fingerprinted by default: every page's hashed references are served for a year, immutable.</summary>
[Collection(PackagedReleaseCollection.Name)]
public class FingerprintTests(PackagedReleaseHost fixture)
{
    [Fact]
    public async Task Every_fingerprinted_reference_of_every_page_answers_200_immutable()
    {
        var failures = new List<string>();
        foreach (var page in SitePages.Of(Repository.SampleSite))
        {
            using var response = await fixture.Host.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            var fingerprinted = SitePages.References(await response.Content.ReadAsStringAsync(), page).Where(SitePages.IsFingerprinted).ToList();
            Assert.True(fingerprinted.Count > 0, $"{page} references no fingerprinted asset: the packaged release is not fingerprinted");
            foreach (var reference in fingerprinted)
            {
                using var asset = await fixture.Host.GetAsync(reference);
                if (asset.StatusCode != HttpStatusCode.OK || asset.Headers.CacheControl?.Extensions.Any(e => e.Name == "immutable") != true)
                    failures.Add($"{page} → {reference}: {(int)asset.StatusCode}, Cache-Control: {asset.Headers.CacheControl}");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
