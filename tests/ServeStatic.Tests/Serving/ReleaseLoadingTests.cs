using System.Net;
using Microsoft.Extensions.Logging;
using ServeStatic.Index;

namespace ServeStatic.Tests.Serving;

/// <summary>Warm start, the health path, and swapping releases without a restart.</summary>
public class ReleaseLoadingTests
{
    [Fact]
    public async Task The_release_is_loaded_before_the_first_request_is_answered()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/a.txt", "a").WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path);
        using var response = await server.GetAsync("/a.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Start_up_logs_the_release_id_the_asset_count_and_the_load_time_once()
    {
        using var folder = new TempFolder();
        var id = new TestRelease().Add("/a.txt", "a").Add("/b.txt", "b").WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path);
        var line = Assert.Single(server.Logs.Entries, e => e.Message.StartsWith($"Serving release {id} (2 assets) from folder ", StringComparison.Ordinal));
        Assert.Matches(@", loaded in \d+ ms$", line.Message);
    }

    [Fact]
    public async Task Health_is_200_once_a_release_is_loaded()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/a.txt", "a").WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path);
        using var response = await server.GetAsync("/.servestatic/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Before_a_release_is_loaded_requests_wait_briefly_then_get_503_with_Retry_After()
    {
        using var folder = new TempFolder();
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o =>
        {
            o.StartupWaitSeconds = 1;
            o.RetryAfterSeconds = 7;
        });
        using var response = await server.GetAsync("/a.txt");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
        using var health = await server.GetAsync("/.servestatic/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }

    [Fact]
    public async Task After_the_start_up_window_a_request_without_a_release_gets_503_at_once()
    {
        using var folder = new TempFolder();
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o => o.StartupWaitSeconds = 2);
        // Start-up waited its 2 s; each request used to wait them again (a flood of them held open for 2 s each).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            using var response = await server.GetAsync("/a.txt");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"5 requests took {clock.Elapsed.TotalSeconds:0.0} s: they waited the start-up window again");
    }

    [Fact]
    public async Task A_release_that_could_not_be_loaded_at_start_is_loaded_when_it_appears()
    {
        using var folder = new TempFolder();
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o =>
        {
            o.StartupWaitSeconds = 0;
            o.RetryAfterSeconds = 1;
        });
        await server.Logs.WaitForAsync(e => e.Exception is InvalidReleaseException && e.Message.Contains("answering 503", StringComparison.Ordinal), "the missing release is logged as answering 503");
        new TestRelease().Add("/a.txt", "a").WriteTo(folder.Path);
        await Eventually.TrueAsync(async () =>
        {
            using var answer = await server.GetAsync("/a.txt");
            return answer.StatusCode == HttpStatusCode.OK;
        }, "/a.txt is served once its release appears");
        using var response = await server.GetAsync("/a.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_retry_that_fails_the_same_way_logs_the_problem_again_without_the_trace()
    {
        using var folder = new TempFolder();
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o =>
        {
            o.StartupWaitSeconds = 0;
            o.RetryAfterSeconds = 1;
        });
        await server.Logs.WaitForAsync(e => e.Message.StartsWith("Still could not load", StringComparison.Ordinal), "the second failed attempt is logged");
        var first = Assert.Single(server.Logs.Entries, e => e.Exception is InvalidReleaseException);
        var again = server.Logs.Entries.First(e => e.Message.StartsWith("Still could not load", StringComparison.Ordinal));
        Assert.Null(again.Exception);
        Assert.Equal(LogLevel.Error, again.Level);
        Assert.Contains(first.Exception!.Message, again.Message, StringComparison.Ordinal);
        Assert.Contains("answering 503", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_release_is_swapped_in_when_current_changes()
    {
        using var folder = new TempFolder();
        new TestRelease().Add("/a.txt", "first").WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o => o.Folder.PollSeconds = 1);
        new TestRelease().Add("/a.txt", "second").WriteTo(folder.Path);
        await Eventually.TrueAsync(async () =>
        {
            using var answer = await server.GetAsync("/a.txt");
            return await answer.Content.ReadAsStringAsync() == "second";
        }, "the second release is served");
        using var response = await server.GetAsync("/a.txt");
        Assert.Equal("second", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_release_that_fails_to_load_is_logged_and_the_previous_one_keeps_serving()
    {
        using var folder = new TempFolder();
        var good = new TestRelease().Add("/a.txt", "first").WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o => o.Folder.PollSeconds = 1);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "releases", "0badbad0.json"), "{ not json");
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "current"), "0badbad0\n");
        await server.Logs.WaitForAsync(e => e.Exception is InvalidReleaseException, "the release that fails to load is logged");
        var failure = Assert.Single(server.Logs.Entries, e => e.Exception is InvalidReleaseException);
        Assert.Contains($"release {good} keeps serving", failure.Message, StringComparison.Ordinal);
        Assert.Contains("0badbad0.json", failure.Exception!.Message, StringComparison.Ordinal);
        using var response = await server.GetAsync("/a.txt");
        Assert.Equal("first", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_miss_on_a_fingerprinted_name_does_not_read_the_index_again_while_current_is_unchanged()
    {
        using var folder = new TempFolder();
        var id = new TestRelease().Add("/a.txt", "a").WriteTo(folder.Path);
        await using var server = await ServerUnderTest.StartAsync(folder.Path, o => o.MissRefreshSeconds = 1);
        // Were the index read again, this would be a load failure in the log.
        File.WriteAllText(Path.Combine(folder.Path, "releases", id + ".json"), "{ damaged");

        for (var i = 0; i < 3; i++)
        {
            using var miss = await server.GetAsync($"/app.{i}0123456789.css");
            Assert.Equal(HttpStatusCode.NotFound, miss.StatusCode);
            await Task.Delay(1100);
        }
        Assert.DoesNotContain(server.Logs.Entries, e => e.Exception is InvalidReleaseException);
        using var served = await server.GetAsync("/a.txt");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }
}
