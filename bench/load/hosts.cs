#:sdk Microsoft.NET.Sdk.Web
// A file-based app is set up for native AOT by default, and that brings AOT's runtime switches even under the JIT
// (no dynamic code, no startup hooks, size-optimised LINQ); these hosts run as a plain app, like servestatic does.
#:property PublishAot=false
// The comparison hosts of bench/load/run.sh, on the same Kestrel as servestatic:
//   ceiling <release> <url>   for each path of the release's index, the bytes of its smallest representation (what
//                             servestatic sends for "Accept-Encoding: br, gzip") and fixed headers, from a dictionary,
//                             written with no other work: the ceiling of this stack
//   staticfiles <site> <url>  ASP.NET Core UseStaticFiles over the site folder
using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

var (mode, folder, url) = (args[0], Path.GetFullPath(args[1]), args[2]);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(url).ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
var app = builder.Build();
if (mode == "ceiling")
{
    var id = File.ReadAllText(Path.Combine(folder, "current")).Trim();
    using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "releases", id + ".json")));
    var files = index.RootElement.GetProperty("assets").EnumerateArray().ToFrozenDictionary(
        asset => asset.GetProperty("path").GetString()!,
        asset =>
        {
            var smallest = asset.GetProperty("variants").EnumerateArray().MinBy(v => v.GetProperty("size").GetInt64());
            var encoding = smallest.GetProperty("encoding").GetString()!;
            return (Body: File.ReadAllBytes(Path.Combine(folder, "content", smallest.GetProperty("key").GetString()!)),
                Encoding: encoding == "identity" ? StringValues.Empty : new StringValues(encoding),
                Type: new StringValues(asset.GetProperty("contentType").GetString()));
        }, StringComparer.Ordinal);
    StringValues vary = "Accept-Encoding", cache = "public, max-age=60", etag = "\"0123456789abcdef0123456789abcdef\"";
    app.Run(context =>
    {
        if (!files.TryGetValue(context.Request.Path.Value!, out var file))
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        }
        var headers = context.Response.Headers;
        headers.ContentType = file.Type;
        if (file.Encoding.Count > 0)
        {
            headers.ContentEncoding = file.Encoding;
            headers.Vary = vary;
        }
        headers.CacheControl = cache;
        headers.ETag = etag;
        context.Response.ContentLength = file.Body.Length;
        return context.Response.Body.WriteAsync(file.Body).AsTask();
    });
}
else
{
    app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder) });
}
app.Run();
