using System.Globalization;

namespace ServeStatic.Interop.Tests.Caches;

/// <summary>
/// A real nginx in the foreground (<c>daemon off</c>) with its prefix, pid, temporary files and cache in a temporary folder;
/// the configuration under test is included in the <c>http</c> block, as a user would include it.
/// </summary>
internal static class Nginx
{
    public static Task<CacheProcess> StartAsync(string confTemplate, Uri origin)
    {
        var folder = new TempFolder();
        // Started as root, nginx runs its workers as nobody: they must reach the folder.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder.Path, (UnixFileMode)0b111_101_101);
        var port = FreePort.Next();
        var included = Path.Combine(folder.Path, "servestatic.conf");
        File.WriteAllText(included, ConfigTemplate.Render(confTemplate, new Dictionary<string, string>
        {
            ["LISTEN"] = $"127.0.0.1:{port}",
            ["ORIGIN_HOST"] = origin.Host,
            ["ORIGIN_PORT"] = origin.Port.ToString(CultureInfo.InvariantCulture),
            ["CACHE_DIR"] = Path.Combine(folder.Path, "cache"),
        }));
        var main = Path.Combine(folder.Path, "nginx.conf");
        File.WriteAllText(main, $$"""
            daemon off;
            worker_processes 1;
            pid {{folder.Path}}/nginx.pid;
            error_log stderr notice;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder.Path}}/client_body;
                proxy_temp_path {{folder.Path}}/proxy;
                fastcgi_temp_path {{folder.Path}}/fastcgi;
                uwsgi_temp_path {{folder.Path}}/uwsgi;
                scgi_temp_path {{folder.Path}}/scgi;
                include {{included}};
            }
            """);
        return CacheProcess.StartAsync($"nginx ({confTemplate})", "nginx", folder, port, "-c", main, "-p", folder.Path + "/");
    }
}
