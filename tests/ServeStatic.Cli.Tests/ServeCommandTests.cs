using System.Net;
using System.Net.Sockets;

namespace ServeStatic.Cli.Tests;

/// <summary><c>servestatic serve</c> as a user meets it, run as the real tool: one line for what goes wrong, never a stack trace.</summary>
public class ServeCommandTests
{
    [Fact]
    public async Task A_port_in_use_is_one_error_line_naming_it_and_exit_code_1()
    {
        using var folder = SmallSite.Create();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var run = await CliProcess.RunAsync("serve", folder.Site, "--urls", url);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: --urls {url}: Failed to bind to address {url}: address already in use.", run.Error);
        Assert.DoesNotContain("Exception", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nonsense", "is not an address to listen on")]
    [InlineData("http://127.0.0.1:99999", "the port 99999 is not between 0 and 65535")]
    [InlineData("https://127.0.0.1:8443", "listens on http:// only")]
    public async Task A_malformed_urls_is_a_usage_error_before_anything_starts(string urls, string problem)
    {
        using var folder = SmallSite.Create();

        var run = await CliProcess.RunAsync("serve", folder.Site, "--urls", urls);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"--urls: '{urls}'", run.Error, StringComparison.Ordinal);
        Assert.Contains(problem, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("development mode:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_site_folder_is_said_once_and_served_when_a_file_appears()
    {
        using var folder = new TempSite();
        Directory.CreateDirectory(folder.Site);
        var url = $"http://127.0.0.1:{Loopback.FreePort()}";
        await using var serve = CliProcess.Start("serve", folder.Site, "--urls", url);
        using var client = new HttpClient { BaseAddress = new Uri(url) };

        await Eventually.TrueAsync(() => serve.Output.Contains("Ctrl-C to stop", StringComparison.Ordinal), "the banner", 60);
        folder.Write("index.html", "<h1>here</h1>");
        await Eventually.TrueAsync(async () => (await client.GetAsync(new Uri("/", UriKind.Relative))).IsSuccessStatusCode, "the page is served", 30);

        Assert.Equal(1, Occurrences(serve.Output, "the site folder has no files to serve"));
        Assert.DoesNotContain("Exception", serve.Output, StringComparison.Ordinal);
    }

    private static int Occurrences(string text, string part) => text.Split(part).Length - 1;
}
