#:project ../../src/ServeStatic.Azure/ServeStatic.Azure.csproj
// The name InternalsVisibleTo grants in src/ServeStatic*.csproj: this measures internals (the index, the sources), not public API.
#:property AssemblyName=ServeStatic.Bench.Blob
// The blob-storage measurements of bench/README.md ("Blob storage"), run by bench/blob/run.sh against a running Azurite:
//   dotnet run bench/blob/blob.cs -- <connection string> <work folder> [assets]
// Writes a synthetic release of <assets> assets (identity + gzip each), publishes it to an empty container and again,
// and times warm starts (current + index + snapshot) from the folder and from the container.
using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using ServeStatic.Azure;
using ServeStatic.Index;
using ServeStatic.Serving;
using ServeStatic.Sources;

var (connectionString, work) = (args[0], Path.GetFullPath(args[1]));
var count = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10_000;

var folder = Path.Combine(work, "release");
WriteRelease(folder, count);
var variants = Directory.GetFiles(Path.Combine(folder, "content"));
Console.WriteLine($"release: {count} assets, {variants.Length} content files, {variants.Sum(f => new FileInfo(f).Length) / 1e6:0.0} MB");

var container = new BlobContainerClient(connectionString, "bench" + Guid.NewGuid().ToString("n")[..8]);
await container.CreateAsync();
var publisher = new ReleasePublisher(container);
var (empty, first) = await Time(() => publisher.PublishAsync(folder, activate: true));
Console.WriteLine($"| publish to an empty container | {empty.TotalSeconds:0.00} s | {first.Uploaded} uploaded, {first.AlreadyPresent} present |");
var (again, second) = await Time(() => publisher.PublishAsync(folder, activate: true));
Console.WriteLine($"| publish again (all present) | {again.TotalSeconds:0.00} s | {second.Uploaded} uploaded, {second.AlreadyPresent} present |");

// Index only: the median of 3. With the bodies (every small body read at load): one run, it takes long from storage.
foreach (var (budget, rounds) in new[] { (0L, 3), (IContentStore.StandardMemoryBudgetBytes, 1) })
{
    var options = new ServeStaticOptions { MemoryBudgetBytes = budget };
    var label = budget == 0 ? "index only (MemoryBudgetBytes = 0)" : $"index + small bodies (MemoryBudgetBytes = {budget / 1024 / 1024} MB)";
    var fromFolder = await Median(rounds, () => WarmStart(new FolderSource(folder), options));
    var fromBlob = await Median(rounds, () => WarmStart(
        new BlobReleaseSource(container, new BlobStorageOptions { ConnectionString = connectionString, Container = container.Name }, NullLogger<BlobReleaseSource>.Instance), options));
    Console.WriteLine($"| warm start, {label} | folder {fromFolder.TotalSeconds:0.000} s | Azurite {fromBlob.TotalSeconds:0.000} s |");
}

static async Task<TimeSpan> WarmStart(IReleaseSource source, ServeStaticOptions options)
{
    var clock = Stopwatch.StartNew();
    var release = (await source.LoadCurrentAsync(null, CancellationToken.None))!;
    var index = AssetIndex.Load(release, options);
    await index.HoldSmallBodiesAsync(CancellationToken.None);
    if (index.AssetCount == 0)
        throw new InvalidOperationException("empty release");
    return clock.Elapsed;
}

static async Task<TimeSpan> Median(int rounds, Func<Task<TimeSpan>> measure)
{
    var times = new List<TimeSpan>();
    for (var i = 0; i < rounds; i++)
        times.Add(await measure());
    return times.Order().ElementAt(rounds / 2);
}

static async Task<(TimeSpan, T)> Time<T>(Func<Task<T>> action)
{
    var clock = Stopwatch.StartNew();
    var result = await action();
    return (clock.Elapsed, result);
}

// Sizes skew small, as in real sites: 200 B to about 20 KB, text that gzip shrinks.
static void WriteRelease(string folder, int count)
{
    if (Directory.Exists(folder))
        Directory.Delete(folder, recursive: true);
    Directory.CreateDirectory(Path.Combine(folder, "content"));
    Directory.CreateDirectory(Path.Combine(folder, "releases"));
    var random = new Random(7);
    var words = new[] { "static ", "origin ", "release ", "content ", "brotli ", "azure ", "{ color: red } ", "function() ", "<div> " };
    var assets = new List<AssetRecord>(count);
    for (var i = 0; i < count; i++)
    {
        var size = (int)Math.Min(20_000, 200 + (random.NextDouble() * random.NextDouble() * 20_000));
        var text = new System.Text.StringBuilder(size + 16).Append(i).Append(' ');
        while (text.Length < size)
            text.Append(words[random.Next(words.Length)]);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text.ToString());
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        File.WriteAllBytes(Path.Combine(folder, "content", sha), bytes);
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Fastest))
            gzip.Write(bytes);
        var gz = gzipped.ToArray();
        File.WriteAllBytes(Path.Combine(folder, "content", sha + ".gzip"), gz);
        assets.Add(new AssetRecord($"/assets/{i / 100}/file{i}.css", "text/css; charset=utf-8", bytes.Length, sha,
            "sha256-" + Convert.ToBase64String(SHA256.HashData(bytes)), DateTimeOffset.UnixEpoch, false,
            [new VariantRecord(ContentEncoding.Identity, bytes.Length, sha, sha),
             new VariantRecord(ContentEncoding.Gzip, gz.Length, sha + ".gzip", Convert.ToHexStringLower(SHA256.HashData(gz)))]));
    }
    var serialized = IndexSerializer.Serialize(new ReleaseIndex(ReleaseIndex.CurrentSchemaVersion, assets));
    var id = IndexSerializer.ComputeReleaseId(serialized);
    File.WriteAllBytes(Path.Combine(folder, ReleaseLayout.IndexPath(id)), serialized);
    File.WriteAllText(Path.Combine(folder, ReleaseLayout.Current), ReleaseLayout.FormatCurrent(id));
}
