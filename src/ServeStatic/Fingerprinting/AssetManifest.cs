using System.Text.Encodings.Web;
using System.Text.Json;

namespace ServeStatic.Fingerprinting;

/// <summary>
/// The two documents fingerprinting adds to a release (docs/fingerprinting.md, "Outputs"): <c>servestatic.manifest.json</c>,
/// from which a server-rendered app in any language resolves a path to its fingerprinted URL, and <c>importmap.json</c>,
/// an import map (HTML "import maps") from each module's URL to its fingerprinted URL, with integrity.
/// </summary>
internal static class AssetManifest
{
    public const int Version = 1;

    /// <summary>One site file: its path, the URL to use for it (the fingerprinted one when it has one), its final size and SRI integrity.</summary>
    public readonly record struct Entry(string Path, string Url, long Size, string Integrity);

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(IEnumerable<Entry> entries) => Json(writer =>
    {
        writer.WriteNumber("version", Version);
        writer.WriteStartObject("files");
        foreach (var entry in entries.OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            writer.WriteStartObject(entry.Path);
            writer.WriteString("url", entry.Url);
            writer.WriteNumber("size", entry.Size);
            writer.WriteString("integrity", entry.Integrity);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    });

    public static byte[] WriteImportMap(IEnumerable<Entry> modules) => Json(writer =>
    {
        var sorted = modules.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        writer.WriteStartObject("imports");
        foreach (var module in sorted)
            writer.WriteString(module.Path, module.Url);
        writer.WriteEndObject();
        writer.WriteStartObject("integrity");
        foreach (var module in sorted)
            writer.WriteString(module.Url, module.Integrity);
        writer.WriteEndObject();
    });

    private static byte[] Json(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}
