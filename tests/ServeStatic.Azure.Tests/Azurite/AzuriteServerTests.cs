using Azure;
using Azure.Storage.Blobs;

namespace ServeStatic.Azure.Tests.Azurite;

public class AzuriteServerTests
{
    [Fact]
    public async Task Azurite_keeps_its_blobs_across_a_stop_and_a_restart()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var container = await azurite.CreateContainerAsync();
        await container.UploadBlobAsync("kept", BinaryData.FromString("hello"));

        await azurite.StopAsync();
        Assert.False(azurite.IsRunning);
        var noRetries = new BlobContainerClient(azurite.ConnectionString, container.Name, new BlobClientOptions { Retry = { MaxRetries = 0 } });
        await Assert.ThrowsAsync<RequestFailedException>(() => noRetries.GetBlobClient("kept").ExistsAsync());

        await azurite.RestartAsync();
        var content = await container.GetBlobClient("kept").DownloadContentAsync();
        Assert.Equal("hello", content.Value.Content.ToString());
    }
}
