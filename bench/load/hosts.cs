#:sdk Microsoft.NET.Sdk.Web
// The comparison hosts of bench/load/run.sh, on the same Kestrel as servestatic:
//   ceiling <site> <url>      pre-built bytes (Brotli) and headers from a dictionary: the ceiling of this stack
//   staticfiles <site> <url>  ASP.NET Core UseStaticFiles over the site folder
using System.Collections.Frozen;
using System.IO.Compression;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

var (mode, site, url) = (args[0], Path.GetFullPath(args[1]), args[2]);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(url).ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
var app = builder.Build();
if (mode == "ceiling")
{
    var files = Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories)
        .ToFrozenDictionary(f => "/" + Path.GetRelativePath(site, f).Replace('\\', '/'), f => Brotli(File.ReadAllBytes(f)), StringComparer.Ordinal);
    StringValues br = "br", vary = "Accept-Encoding", cache = "public, max-age=60", etag = "\"0123456789abcdef0123456789abcdef\"", type = "text/plain";
    app.Run(context =>
    {
        if (!files.TryGetValue(context.Request.Path.Value!, out var body))
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        }
        var headers = context.Response.Headers;
        headers.ContentType = type;
        headers.ContentEncoding = br;
        headers.Vary = vary;
        headers.CacheControl = cache;
        headers.ETag = etag;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    });
}
else
{
    app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(site) });
}
app.Run();

static byte[] Brotli(byte[] bytes)
{
    using var output = new MemoryStream();
    using (var brotli = new BrotliStream(output, CompressionLevel.SmallestSize))
        brotli.Write(bytes);
    return output.ToArray();
}
