#:project ../../src/ServeStatic/ServeStatic.csproj
#:property PublishAot=false
#:property AssemblyName=ServeStatic.Bench.Build
// The build's cost per codec (bench/README.md, "Build"), run by bench/build/run.sh:
//   dotnet run -c Release bench/build/codecs.cs -- <site folder>
// Picks the files a build compresses (compressible media type, big enough for a variant to pay), reads them into memory
// once, then for each codec compresses all of them with the build's own Precompressor (level Best) on all cores, as the
// build does, and prints per codec the CPU time of the process (user + system) and the total size of the variants kept.
using System.Diagnostics;
using ServeStatic.Build;
using ServeStatic.Index;

var site = Path.GetFullPath(args[0]);
var mediaTypes = new MediaTypes();
var files = Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories)
    .Where(path => MediaTypes.IsCompressible(mediaTypes.ContentTypeFor(path)))
    .Select(File.ReadAllBytes)
    .Where(bytes => Precompressor.KeepLimit(bytes.Length) > 0)
    .ToList();
var input = files.Sum(bytes => (long)bytes.Length);
Console.WriteLine($"{files.Count} files to compress, {input / 1e6:0.0} MB; {Environment.ProcessorCount} cores");
Console.WriteLine("| codec | variants kept | bytes kept | CPU s (user + sys) | wall s |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");

var precompressor = new Precompressor(PrecompressionLevel.Best);
foreach (var encoding in precompressor.Encodings)
{
    var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    long kept = 0, count = 0;
    Parallel.ForEach(files, bytes =>
    {
        if (precompressor.Compress(bytes, encoding) is { } compressed)
        {
            Interlocked.Add(ref kept, compressed.Length);
            Interlocked.Increment(ref count);
        }
    });
    process.Refresh();
    Console.WriteLine($"| {encoding.Token()} | {count} | {kept} | {(process.TotalProcessorTime - cpu).TotalSeconds:0.0} | {clock.Elapsed.TotalSeconds:0.0} |");
}
