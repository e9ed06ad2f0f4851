using System.Diagnostics;
using System.Text;

namespace ServeStatic.Cli.Tests;

/// <summary>Ctrl-C during <c>build</c> on a terminal: the real tool under a pseudo-terminal (util-linux <c>script</c>), sent ETX as a user's keyboard would.</summary>
public class InterruptionTests
{
    private const string HideCursor = "\u001b[?25l";
    private const string ShowCursor = "\u001b[?25h";

    [Fact]
    public async Task Ctrl_C_during_build_shows_the_cursor_again_says_what_was_kept_and_exits_130()
    {
        using var folder = new TempSite();
        for (var i = 0; i < 60; i++)
            folder.Write($"f{i}.js", TempSite.CompressibleText(300_000) + i);
        var tool = Path.Join(AppContext.BaseDirectory, "ServeStatic.Cli.dll");
        var info = new ProcessStartInfo("script", ["-qfec", $"dotnet '{tool}' build '{folder.Site}' --output '{folder.Output()}'", "/dev/null"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var script = Process.Start(info) ?? throw new InvalidOperationException("util-linux `script` is needed: apt-get install bsdutils");
        var output = new StringBuilder();
        var reading = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int read;
            while ((read = await script.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (output)
                    output.Append(buffer, 0, read);
            }
        });
        string Seen()
        {
            lock (output)
                return output.ToString();
        }

        await Eventually.TrueAsync(() => Seen().Contains("compressing", StringComparison.Ordinal), "the build shows its progress", 120);
        await script.StandardInput.WriteAsync('\u0003');
        await script.StandardInput.FlushAsync();
        await script.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        await reading;

        var text = Seen();
        Assert.Equal(130, script.ExitCode);
        Assert.True(text.LastIndexOf(ShowCursor, StringComparison.Ordinal) > text.LastIndexOf(HideCursor, StringComparison.Ordinal), "the cursor is shown after it was hidden");
        Assert.Contains($"interrupted: {folder.Output()}: the build stopped; no release was made", text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Join(folder.Output(), "current")));
    }
}
