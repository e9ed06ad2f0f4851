using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using ServeStatic.Index;

namespace ServeStatic.Tests.Serving;

/// <summary>Where bodies come from: memory within a budget, else streamed from the content store.</summary>
public class BodyTests
{
    private static readonly byte[] Small = "small body"u8.ToArray();
    private static readonly byte[] Other = "other body"u8.ToArray();

    private static string ContentFile(TempFolder folder, byte[] original) => Path.Combine(folder.Path, "content", TestRelease.Sha256(original));

    /// <summary>Small bodies are read into memory in the background once the release serves; this waits for that to end.</summary>
    private static async Task BodiesHeldAsync(ServerUnderTest server) =>
        await server.Logs.WaitForAsync(e => e.Message.Contains("held in memory", StringComparison.Ordinal), "the small body is held in memory");

    [Fact]
    public async Task A_small_body_is_held_in_memory_so_it_is_not_read_again()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/small.txt", Small, "text/plain", compress: false).WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path);
        await BodiesHeldAsync(server);
        File.Delete(ContentFile(folder, Small));
        using var response = await server.GetAsync("/small.txt");
        Assert.Equal(Small, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_small_body_that_does_not_match_the_index_is_not_held_is_reported_and_answers_503_never_other_bytes()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/a.txt", Small, "text/plain", compress: false).WriteTo(folder.Path);
        // Content is immutable in a real store; changing it here (same length) makes the stored bytes disagree with the index.
        Assert.Equal(Small.Length, Other.Length);
        await File.WriteAllBytesAsync(ContentFile(folder, Small), Other);
        await using var server = await ServerUnderTest.StartAsync(folder.Path);
        await server.Logs.WaitForAsync(e => e.Level == LogLevel.Warning && e.Exception is InvalidReleaseException, "a warning for the damaged content");
        Assert.Contains(server.Logs.Entries, e => e.Message.Contains(": 0 small bodies (0 bytes) held in memory", StringComparison.Ordinal));
        using var response = await server.GetAsync("/a.txt");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotEqual(Other, await response.Content.ReadAsByteArrayAsync());
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task A_body_over_the_in_memory_limit_is_streamed_from_the_store_on_each_request()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/small.txt", Small, "text/plain", compress: false).WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o => o.MaxInMemoryBodyBytes = 4);
        // Content is immutable in a real store; changing it here shows where each response reads from.
        await File.WriteAllBytesAsync(ContentFile(folder, Small), Other);
        using var response = await server.GetAsync("/small.txt");
        Assert.Equal(Other, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Bodies_beyond_the_memory_budget_are_streamed()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/a.txt", Small, "text/plain", compress: false).Add("/b.txt", Other, "text/plain", compress: false).WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o => o.MemoryBudgetBytes = Small.Length);
        await BodiesHeldAsync(server);
        File.Delete(ContentFile(folder, Small));
        File.Delete(ContentFile(folder, Other));
        using var a = await server.GetAsync("/a.txt");
        using var b = await server.GetAsync("/b.txt");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], new[] { a.StatusCode, b.StatusCode }.Order());
    }

    [Fact]
    public async Task Content_the_store_cannot_supply_is_503_with_Retry_After_and_never_cached()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/a.txt", Small, "text/plain", compress: false).WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o => o.MaxInMemoryBodyBytes = 0);
        File.Delete(ContentFile(folder, Small));
        using var response = await server.GetAsync("/a.txt");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter!.Delta);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_body_is_not_logged_as_an_error()
    {
        using var folder = new TempFolder();
        var big = new byte[32 * 1024 * 1024];
        new TestRelease().Add("/big.bin", big, "application/octet-stream", compress: false).WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(server.Address.Host, server.Address.Port);
            var stream = client.GetStream();
            await stream.WriteAsync("GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
            var buffer = new byte[64 * 1024];
            Assert.True(await stream.ReadAsync(buffer) > 0);
            client.Client.LingerState = new LingerOption(true, 0);
        }
        // Hosting logs the end of every request after the application's own logs for it, errors included. (The responder's
        // Debug line about the disconnect is not waited for: when the copy's last writes land after the reset, Kestrel makes
        // them no-ops, and the abort may be signalled only after the copy has returned.)
        await server.Logs.WaitForAsync(e => e.Message.StartsWith("Request finished", StringComparison.Ordinal) && e.Message.Contains("/big.bin", StringComparison.Ordinal), "the request for /big.bin finishes");
        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }
}
