using System.Text;

namespace ServeStatic.Tests.Serving;

/// <summary>One release with every kind of asset the tests need, served once for a whole test class.</summary>
public sealed class StandardSite : IAsyncLifetime
{
    public const string Css = "/css/app.css";
    public const string Png = "/img/logo.png";
    public const string HexNamed = "/js/vendor.0123456789ab.js";
    public const string Fingerprinted = "/js/app.built.js";
    public const string Big = "/big.bin";
    public const string Empty = "/empty.txt";
    public const string Spaced = "/a b.txt";

    private readonly TempFolder _folder = new();

    public static byte[] CssBytes { get; } = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 200).Select(i => $".rule-{i} {{ color: #{i:x6}; margin: {i}px; }}\n")));

    /// <summary>Random, so it does not compress, and larger than the default in-memory limit, so it is streamed.</summary>
    public static byte[] BigBytes { get; } = RandomBytes(300 * 1024);

    public static byte[] PngBytes { get; } = RandomBytes(700);

    internal ServerUnderTest Server { get; private set; } = null!;

    internal TestRelease Release { get; } = new TestRelease()
        .Add(Css, CssBytes, "text/css; charset=utf-8")
        .Add(Png, PngBytes, "image/png", compress: false)
        .Add(HexNamed, "console.log('vendor');", "text/javascript; charset=utf-8")
        .Add(Fingerprinted, "console.log('app');", "text/javascript; charset=utf-8", immutable: true)
        .Add(Big, BigBytes, "application/octet-stream", compress: false)
        .Add(Empty, "", compress: false)
        .Add(Spaced, "spaced")
        .Add("/index.html", "<h1>home</h1>", "text/html; charset=utf-8")
        .Add("/docs/index.html", "<h1>docs</h1>", "text/html; charset=utf-8")
        .Add("/docs/guide.html", "<h1>guide</h1>", "text/html; charset=utf-8")
        .Add("/nodir/file.txt", "no index here");

    public string ReleaseId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ReleaseId = Release.WriteTo(_folder.Path);
        Server = await ServerUnderTest.StartAsync(_folder.Path);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _folder.Dispose();
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}
