using System.Globalization;
using ServeStatic.Build;
using ServeStatic.Fingerprinting;

// ServeStatic.BuildRunner SITE OUTPUT [--fingerprint] [--sri] [--keep N] [--no-preload-hints] [--dictionary-releases N]: what `servestatic build` does with these options,
// as the build integration (buildTransitive/ServeStatic.targets) runs it: one line per outcome, no terminal UI.
const string Usage = "usage: ServeStatic.BuildRunner SITE OUTPUT [--fingerprint] [--sri] [--keep N] [--no-preload-hints] [--dictionary-releases N]";
if (args.Length < 2)
    return Fail(Usage);
bool fingerprint = false, sri = false, strict = false, preloadHints = true;
List<string> excludes = [], entryPoints = [];
int? keep = null;
var dictionaryReleases = BuildOptions.DefaultDictionaryReleases;
for (var i = 2; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--fingerprint": fingerprint = true; break;
        case "--sri": sri = true; break;
        case "--strict": strict = true; break;
        case "--exclude" when i + 1 < args.Length:
            excludes.Add(args[++i].Trim());
            break;
        case "--entry-point" when i + 1 < args.Length:
            entryPoints.Add(args[++i].Trim());
            break;
        case "--no-preload-hints": preloadHints = false; break;
        case "--keep" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var count) && count >= 1:
            keep = count;
            i++;
            break;
        case "--dictionary-releases" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var releases) && releases >= 0:
            dictionaryReleases = releases;
            i++;
            break;
        default: return Fail($"{args[i]}: not an option; {Usage}");
    }
}
if (!fingerprint && (strict || entryPoints.Count > 0))
    return Fail("--strict and --entry-point apply to fingerprinting (ServeStaticStrict and ServeStaticEntryPoints need ServeStaticFingerprint true)");
var output = Path.GetFullPath(args[1]);
var options = new BuildOptions(args[0])
{
    Excludes = [.. excludes.Where(glob => glob.Length > 0)],
    Fingerprint = fingerprint ? new FingerprintOptions { SubresourceIntegrity = sri, Strict = strict, EntryPoints = [.. entryPoints.Where(glob => glob.Length > 0)] } : null,
    PreloadHints = preloadHints,
    DictionaryReleases = dictionaryReleases,
};
try
{
    var result = await ReleaseBuilder.BuildToFolderAsync(options, output);
    foreach (var warning in result.Warnings)
        Console.WriteLine("warning: " + warning);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"built release {result.ReleaseId} into {output}: {result.Totals.Assets} files; {result.ContentsWritten} contents stored, {result.ContentsReused} reused"));
    if (keep is { } kept)
    {
        var pruned = FolderReleasePruner.Prune(output, kept);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pruned {pruned.DeletedReleases.Count} older release(s) and {pruned.DeletedContent} content file(s) only they used"));
    }
    return 0;
}
catch (BuildException e)
{
    return Fail(e.Message);
}

static int Fail(string message)
{
    Console.Error.WriteLine("error: " + message);
    return 1;
}
