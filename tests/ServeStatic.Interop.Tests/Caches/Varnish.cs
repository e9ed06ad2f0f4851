
namespace ServeStatic.Interop.Tests.Caches;

/// <summary>A real varnishd in the foreground (<c>-F</c>), its working directory (<c>-n</c>) in a temporary folder, 64 MiB of memory storage.</summary>
internal static class Varnish
{
    public static Task<CacheProcess> StartAsync(string vclTemplate, Uri origin)
    {
        var folder = new TempFolder();
        var vcl = Path.Combine(folder.Path, "servestatic.vcl");
        File.WriteAllText(vcl, ConfigTemplate.Render(vclTemplate, new Dictionary<string, string>
        {
            ["ORIGIN_HOST"] = origin.Host,
            ["ORIGIN_PORT"] = origin.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var port = FreePort.Next();
        // -j none: no privilege separation jail, so it runs the same as root or as an unprivileged user.
        return CacheProcess.StartAsync($"varnish ({vclTemplate})", "varnishd", folder, port,
            "-F", "-j", "none", "-n", Path.Combine(folder.Path, "work"), "-a", $"127.0.0.1:{port}", "-f", vcl, "-s", "malloc,64m");
    }
}
