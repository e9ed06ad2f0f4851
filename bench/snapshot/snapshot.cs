#:project ../../src/ServeStatic/ServeStatic.csproj
#:property PublishAot=false
// The name InternalsVisibleTo grants in src/ServeStatic*.csproj: this measures internals (the index, the sources), not public API.
#:property AssemblyName=ServeStatic.Bench.Snapshot
// The snapshot measurements of bench/README.md ("Warm start and snapshot memory"), run by bench/snapshot/run.sh:
//   dotnet run -c Release bench/snapshot/snapshot.cs -- <work folder> [assets]
// Writes two synthetic releases of <assets> assets into one release folder (a site's mix: 55 % text with identity, br,
// gzip and zstd; 45 % binaries with identity only; a third of the paths fingerprinted), then measures, the way
// `ServeStatic` loads a folder (FolderSource, then AssetIndex.Load):
//   - warm start: read `current`, parse and validate the index, check content sizes, build the snapshot: the first load
//     of the process, then the median of 41 after 10 more, and what those allocate and collect;
//   - the managed heap the served snapshot holds, per asset (no body held: MemoryBudgetBytes = 0), after a full GC;
//   - the heap after each of 20 switches between the two releases, as a server that keeps reloading would hold it.
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Security.Cryptography;
using System.Text;
using ServeStatic.Index;
using ServeStatic.Serving;
using ServeStatic.Sources;

var work = Path.GetFullPath(args[0]);
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var folder = Path.Combine(work, "release");
// run.sh runs this twice on one folder (two collector settings): the second run finds the releases the first wrote.
var (first, second) = File.Exists(Path.Combine(folder, ReleaseLayout.Current)) ? ReleasesIn(folder) : WriteReleases(folder, count);
var options = new ServeStaticOptions { MemoryBudgetBytes = 0 };

// Warm start: a new source each time, as a new instance starts (the process, its JIT and the file cache are warm).
// CPU time as well as wall time: a warm start reads on one core and checks the content on the others, so CPU time is about
// twice the wall time on two cores; on a loaded machine the CPU time is the steadier number.
// The first load in the process runs code the JIT has not compiled yet (tier 0, as an app without ReadyToRun starts);
// it is reported on its own, then 41 more once the process has loaded 10 times, as compiled code runs them. Ten: the JIT
// recompiles the load's methods optimised (tier 1) on a background thread through about the first ten loads of a process,
// and those loads measured that work too (200–300 ms each, where later ones take 60–100). 41, not fewer: loads on this VM
// wander by tens of milliseconds, and the median of 15 moved by 20 % from run to run.
// The collector is the process's (run.sh runs this once as a console app's default and once as the Functions app's).
const int Loads = 41;
var collector = GC.GetConfigurationVariables();
var loopsOptimised = Environment.GetEnvironmentVariable("DOTNET_TC_QuickJitForLoops") == "0" || AppContext.GetData("System.Runtime.TieredCompilation.QuickJitForLoops") is false or "false";
Console.WriteLine($"| collector; JIT | {(GCSettings.IsServerGC ? "server" : "workstation")}, {(collector.TryGetValue("ConcurrentGC", out var concurrent) && concurrent is true ? "concurrent" : "not concurrent")}, gen 0 budget up to {Convert.ToInt64(collector["GCGen0MaxBudget"], CultureInfo.InvariantCulture) / (1 << 20)} MiB; loops compiled {(loopsOptimised ? "optimised at once" : "first unoptimised")} |");
var firstLoad = await WarmStart(folder, options);
Console.WriteLine($"| first load in a new process, {count:N0} assets | wall {firstLoad.Wall:0} ms | CPU {firstLoad.Cpu:0} ms |");
for (var i = 0; i < 10; i++)
    await WarmStart(folder, options);
// What the loads allocate and collect does not depend on the machine's load, unlike their times: the bytes allocated (on every
// thread) and the collections per load, and how long the collections paused the process.
var allocated = GC.GetTotalAllocatedBytes(precise: true);
int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
var paused = GC.GetTotalPauseDuration();
var times = new List<(double Wall, double Cpu)>();
for (var i = 0; i < Loads; i++)
    times.Add(await WarmStart(folder, options));
var perLoad = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)Loads;
var collected = collections.Select((before, generation) => (GC.CollectionCount(generation) - before) / (double)Loads).ToArray();
var pausedPerLoad = (GC.GetTotalPauseDuration() - paused).TotalMilliseconds / Loads;
var wall = times.Select(t => t.Wall).Order().ToList();
var cpu = times.Select(t => t.Cpu).Order().ToList();
Console.WriteLine($"| warm start, {count:N0} assets (current + index + sizes + snapshot) | wall: median {wall[Loads / 2]:0} ms (quartiles {wall[Loads / 4]:0}–{wall[3 * Loads / 4]:0}), min {wall[0]:0} ms | CPU: median {cpu[Loads / 2]:0} ms, min {cpu[0]:0} ms |");
Console.WriteLine($"| per warm start: allocated, collections (gen 0/1/2), GC pause | {perLoad / 1e6:0.0} MB | {collected[0]:0.0} / {collected[1]:0.0} / {collected[2]:0.0} | {pausedPerLoad:0} ms |");
// The same with the folder source's default: the newest other release of the folder (here, the other one) keeps its
// fingerprinted assets servable, so its index is read, validated and its new content checked too.
var withPrevious = new List<double>();
for (var i = 0; i < Loads; i++)
    withPrevious.Add((await WarmStart(folder, options, FolderSource.DefaultPreviousReleases)).Wall);
withPrevious.Sort();
Console.WriteLine($"| warm start with the other release kept (the folder source's default) | wall: median {withPrevious[Loads / 2]:0} ms (quartiles {withPrevious[Loads / 4]:0}–{withPrevious[3 * Loads / 4]:0}), min {withPrevious[0]:0} ms |");

// Memory: what stays reachable while a release serves (its source and its snapshot, as a server holds them), after a
// full collection: the heap with three more of them held, less the heap with one, over three.
var held = new List<object>();
await Hold(held, folder, options);
var one = Heap();
for (var i = 0; i < 3; i++)
    await Hold(held, folder, options);
var perRelease = (Heap() - one) / 3.0;
Console.WriteLine($"| held while serving (source + snapshot, no bodies) | {perRelease / 1e6:0.0} MB | {perRelease / count:0} B per asset |");
held.Clear();

// Switches: one source, the served snapshot replaced 20 times, alternating between the two releases; the heap after each
// switch less the heap while the first release served (a plateau is 0).
var source = new FolderSource(folder, previousReleases: 0);
var served = AssetIndex.Load((await source.LoadCurrentAsync(null, CancellationToken.None))!, options);
var baseline = Heap();
var heaps = new List<long>();
for (var i = 0; i < 20; i++)
{
    File.WriteAllText(Path.Combine(folder, ReleaseLayout.Current), ReleaseLayout.FormatCurrent(i % 2 == 0 ? second : first));
    served = AssetIndex.Load((await source.LoadCurrentAsync(served.ReleaseId, CancellationToken.None))!, options);
    heaps.Add(Heap() - baseline);
}
GC.KeepAlive(served);
Console.WriteLine($"| heap growth after switch 1, 2, 5, 10, 20 | {string.Join(" | ", new[] { 0, 1, 4, 9, 19 }.Select(i => $"{heaps[i] / 1e6:0.0} MB"))} |");

static async Task<(double Wall, double Cpu)> WarmStart(string folder, ServeStaticOptions options, int previousReleases = 0)
{
    var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var index = AssetIndex.Load((await new FolderSource(folder, previousReleases: previousReleases).LoadCurrentAsync(null, CancellationToken.None))!, options);
    var elapsed = clock.Elapsed.TotalMilliseconds;
    process.Refresh();
    var used = (process.TotalProcessorTime - cpu).TotalMilliseconds;
    return index.AssetCount > 0 ? (elapsed, used) : throw new InvalidOperationException("empty release");
}

static async Task Hold(List<object> held, string folder, ServeStaticOptions options)
{
    var source = new FolderSource(folder, previousReleases: 0);
    held.Add(source);
    held.Add(AssetIndex.Load((await source.LoadCurrentAsync(null, CancellationToken.None))!, options));
}

static long Heap()
{
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    return GC.GetTotalMemory(forceFullCollection: true);
}

// Two releases that share most content, as consecutive builds of one site do: the second changes every tenth text file.
// Content files are sparse (only their sizes are checked at load), at most 20,000 distinct bodies: a larger release
// repeats bodies under other paths, which costs the index and the snapshot the same as distinct ones.
static (string First, string Second) WriteReleases(string folder, int count)
{
    if (Directory.Exists(folder))
        Directory.Delete(folder, recursive: true);
    Directory.CreateDirectory(Path.Combine(folder, ReleaseLayout.ContentPrefix));
    Directory.CreateDirectory(Path.Combine(folder, ReleaseLayout.ReleasesPrefix));
    var first = WriteRelease(folder, count, generation: 0);
    var second = WriteRelease(folder, count, generation: 1);
    File.WriteAllText(Path.Combine(folder, ReleaseLayout.Current), ReleaseLayout.FormatCurrent(first));
    return (first, second);
}

static string WriteRelease(string folder, int count, int generation)
{
    string[] types = ["text/html; charset=utf-8", "text/css; charset=utf-8", "text/javascript; charset=utf-8", "application/json; charset=utf-8", "image/svg+xml"];
    string[] binaries = ["image/png", "image/jpeg", "image/webp", "font/woff2"];
    var assets = new List<AssetRecord>(count);
    for (var i = 0; i < count; i++)
    {
        var text = i % 20 < 11;
        var body = i % 20_000;
        var changed = text && i % 10 == 0 ? generation : 0;
        var sizes = new Random(body);
        var size = 200 + (long)(sizes.NextDouble() * sizes.NextDouble() * 40_000);
        var sha = Hex($"{body}/{changed}");
        var variants = new List<VariantRecord> { new(ContentEncoding.Identity, size, sha, sha) };
        if (text)
        {
            foreach (var (encoding, ratio) in new[] { (ContentEncoding.Brotli, 0.22), (ContentEncoding.Zstd, 0.25), (ContentEncoding.Gzip, 0.28) })
                variants.Add(new(encoding, (long)(size * ratio) + 20, sha + encoding.KeySuffix(), Hex($"{sha}{encoding}")));
        }
        foreach (var variant in variants)
        {
            using var file = new FileStream(Path.Combine(folder, ReleaseLayout.ContentPath(variant.Key)), FileMode.Create);
            file.SetLength(variant.Size);
        }
        var fingerprinted = i % 3 == 0;
        var extension = text ? new[] { "html", "css", "js", "json", "svg" }[i % 5] : new[] { "png", "jpg", "webp", "woff2" }[i % 4];
        var path = fingerprinted ? $"/assets/{i / 500}/module-{i}.{sha[..10]}.{extension}" : $"/section-{i / 200}/page-{i}.{extension}";
        assets.Add(new AssetRecord(path, text ? types[i % 5] : binaries[i % 4], size, sha, "sha256-" + Convert.ToBase64String(Convert.FromHexString(sha)),
            new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i), fingerprinted, variants));
    }
    var serialized = IndexSerializer.Serialize(new ReleaseIndex(ReleaseIndex.CurrentSchemaVersion, assets));
    var id = IndexSerializer.ComputeReleaseId(serialized);
    File.WriteAllBytes(Path.Combine(folder, ReleaseLayout.IndexPath(id)), serialized);
    return id;
}

static (string First, string Second) ReleasesIn(string folder)
{
    var first = File.ReadAllText(Path.Combine(folder, ReleaseLayout.Current)).Trim();
    var second = Directory.EnumerateFiles(Path.Combine(folder, ReleaseLayout.ReleasesPrefix)).Select(Path.GetFileNameWithoutExtension).Single(id => id != first)!;
    return (first, second);
}

static string Hex(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
