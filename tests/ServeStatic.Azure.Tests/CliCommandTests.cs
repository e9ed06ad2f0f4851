using ServeStatic.Azure.Tests.Azurite;

namespace ServeStatic.Azure.Tests;

/// <summary><c>servestatic publish</c> and <c>servestatic releases …</c>, run as the real tool against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public class CliCommandTests(AzuriteFixture azurite)
{
    private static readonly WrittenRelease First = TestRelease.Write(("/index.html", "<h1>one</h1>"), ("/app.js", "console.log(1)"));
    private static readonly WrittenRelease Second = TestRelease.Write(("/index.html", "<h1>two</h1>"), ("/app.js", "console.log(1)"));
    private static readonly WrittenRelease Third = TestRelease.Write(("/index.html", "<h1>three</h1>"), ("/app.js", "console.log(1)"));

    private string[] Container(string name) => ["--connection-string", azurite.Server.ConnectionString, "--container", name];

    [Fact]
    public async Task Publish_uploads_activates_and_prints_a_summary_and_a_rerun_uploads_nothing()
    {
        var container = await azurite.Server.CreateContainerAsync();

        var first = await CliProcess.RunAsync(["publish", First.Folder, "--activate", .. Container(container.Name)]);
        var again = await CliProcess.RunAsync(["publish", First.Folder, "--activate", .. Container(container.Name)]);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"release {First.Id}", first.Output, StringComparison.Ordinal);
        Assert.Contains("4 uploaded", first.Output, StringComparison.Ordinal);
        Assert.Contains($"current: {First.Id}", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("0 uploaded (0 B), 4 already present", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Releases_list_activate_rollback_and_prune_work_from_the_command_line()
    {
        var container = await azurite.Server.CreateContainerAsync();
        await CliProcess.RunAsync(["publish", First.Folder, "--activate", .. Container(container.Name)]);
        await CliProcess.RunAsync(["publish", Second.Folder, .. Container(container.Name)]);

        var activate = await CliProcess.RunAsync(["releases", "activate", Second.Id, .. Container(container.Name)]);
        var list = await CliProcess.RunAsync(["releases", "list", .. Container(container.Name)]);
        var rollback = await CliProcess.RunAsync(["releases", "rollback", .. Container(container.Name)]);
        var prune = await CliProcess.RunAsync(["releases", "prune", "--keep", "0", .. Container(container.Name)]);

        Assert.Equal((0, $"current: {Second.Id} (was {First.Id})"), (activate.ExitCode, activate.Output));
        Assert.Equal(0, list.ExitCode);
        Assert.Matches($@"\* │ {Second.Id} │ [0-9: -]+ │ 2 │", list.Output);
        Assert.Equal((0, $"current: {First.Id} (rolled back)"), (rollback.ExitCode, rollback.Output));
        Assert.Equal(0, prune.ExitCode);
        Assert.Contains($"deleted 1 release(s) ({Second.Id})", prune.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Releases_prune_says_it_kept_the_rollback_target_and_rollback_then_works()
    {
        var container = await azurite.Server.CreateContainerAsync();
        foreach (var release in new[] { First, Second, Third })
            await CliProcess.RunAsync(["publish", release.Folder, "--activate", .. Container(container.Name)]);

        var prune = await CliProcess.RunAsync(["releases", "prune", "--keep", "0", .. Container(container.Name)]);
        var rollback = await CliProcess.RunAsync(["releases", "rollback", .. Container(container.Name)]);

        Assert.Equal(0, prune.ExitCode);
        Assert.Equal($"deleted 1 release(s) ({First.Id}) and 2 content blob(s); " +
            $"kept {Third.Id}, {Second.Id}, including {Second.Id}, the release a rollback would switch to", prune.Output);
        Assert.Equal((0, $"current: {Second.Id} (rolled back)"), (rollback.ExitCode, rollback.Output));
    }

    [Fact]
    public async Task A_missing_container_is_one_clear_line_naming_it_and_a_non_zero_exit()
    {
        var run = await CliProcess.RunAsync(["releases", "list", .. Container("nosuchcontainer")]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: container 'nosuchcontainer' of account 'devstoreaccount1' " +
            $"(http://127.0.0.1:{azurite.Server.Port}): listing releases failed: the container does not exist", run.Error);
    }

    [Fact]
    public async Task Publish_to_a_missing_container_names_create_container()
    {
        var run = await CliProcess.RunAsync(["publish", First.Folder, .. Container("nosuchcontainer")]);

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("the container does not exist; add --create-container to create it", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_account_key_is_reported_as_access_denied_without_a_stack_trace()
    {
        var wrongKey = azurite.Server.ConnectionString.Replace("AccountKey=Eby8", "AccountKey=Fby8", StringComparison.Ordinal);

        var run = await CliProcess.RunAsync(["publish", First.Folder, "--connection-string", wrongKey, "--container", "site"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: container 'site' of account 'devstoreaccount1'", run.Error, StringComparison.Ordinal);
        Assert.Contains("access is denied (403", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_account_is_reported_as_such()
    {
        var nowhere = azurite.Server.ConnectionString.Replace($":{azurite.Server.Port}/", ":1/", StringComparison.Ordinal);

        var run = await CliProcess.RunAsync(["releases", "list", "--connection-string", nowhere, "--container", "site"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("(http://127.0.0.1:1): listing releases failed: the storage account cannot be reached", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--container", "site")]
    [InlineData("--container-url", "http://example.com/site")]
    [InlineData("--container-url", "https://account.blob.core.windows.net/")]
    public async Task Container_options_that_do_not_name_one_container_are_refused(string option, string value)
    {
        var run = await CliProcess.RunAsync("releases", "list", option, value);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--container", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_with_create_container_creates_a_missing_container()
    {
        var name = "c" + Guid.NewGuid().ToString("n");

        var run = await CliProcess.RunAsync(["publish", First.Folder, "--create-container", "--activate", .. Container(name)]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(First.Id, (await CurrentPointer.ReadAsync(azurite.Server.Container(name), default)).ReleaseId);
    }

    [Fact]
    public async Task Serve_with_a_container_serves_its_current_release_over_http()
    {
        var container = await azurite.Server.CreateContainerAsync();
        await new ReleasePublisher(container).PublishAsync(First.Folder, activate: true);
        var url = $"http://127.0.0.1:{Loopback.FreePort()}";

        await using var serve = CliProcess.Start(["serve", "--urls", url, .. Container(container.Name)]);
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                using var health = await client.GetAsync(new Uri("/.servestatic/health", UriKind.Relative));
                return health.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "servestatic serve answers", seconds: 60);

        Assert.Equal("<h1>one</h1>", await client.GetStringAsync(new Uri("/", UriKind.Relative)));
    }

    [Fact]
    public async Task Serve_refuses_a_folder_and_a_container_together()
    {
        var run = await CliProcess.RunAsync(["serve", First.Folder, .. Container("site")]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Give a folder to serve, or a container", run.Error, StringComparison.Ordinal);
    }
}
