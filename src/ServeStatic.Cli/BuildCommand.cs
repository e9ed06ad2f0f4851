using System.CommandLine;
using System.Globalization;
using ServeStatic.Build;
using ServeStatic.Fingerprinting;
using ServeStatic.Index;
using Spectre.Console;

namespace ServeStatic.Cli;

/// <summary><c>servestatic build &lt;site&gt; --output &lt;dir&gt;</c>: turns a site folder into a release in a release folder.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var site = new Argument<string>("site") { Description = "The site folder to build." };
        var output = new Option<string>("--output", "-o") { Description = "The release folder to write into (created if missing; earlier releases there are kept and their content reused).", Required = true };
        var exclude = new Option<string[]>("--exclude") { Description = "A glob of site paths to leave out, with all they hold (repeatable): *.map, drafts/, /private/**. Globs: docs/globs.md.", Arity = ArgumentArity.ZeroOrMore };
        var releaseId = new Option<string?>("--release-id") { Description = "The release id (default: a hash of the index, so the same site gives the same id)." };
        var mediaType = new Option<string[]>("--media-type") { Description = "An extra media type mapping (repeatable): .ext=type/subtype.", Arity = ArgumentArity.ZeroOrMore };
        var fingerprint = new Option<bool>("--fingerprint") { Description = "Give CSS, JS, images and fonts an extra URL with their content hash (cached as immutable) and rewrite references to it; adds /servestatic.manifest.json and /importmap.json." };
        var strict = new Option<bool>("--strict") { Description = "With --fingerprint: fail on a reference to a missing file instead of warning." };
        var sri = new Option<bool>("--sri") { Description = "With --fingerprint: add integrity attributes to scripts and stylesheets in HTML." };
        var entryPoint = new Option<string[]>("--entry-point") { Description = "With --fingerprint: a glob of site paths that keep their name only, like HTML pages (repeatable): /sw.js, embed/. Globs: docs/globs.md.", Arity = ArgumentArity.ZeroOrMore };
        var noPreloadHints = new Option<bool>("--no-preload-hints") { Description = "Record no preload links: HTML pages are served without the Link header naming their stylesheets, module scripts and fonts (docs/preload-hints.md)." };
        var dictionaryReleases = new Option<int>("--dictionary-releases") { Description = $"Make dcz deltas of each compressible file against its versions in the N releases the output folder holds (written last), for dictionary transport (docs/dictionary-transport.md); 0 makes none. Default {BuildOptions.DefaultDictionaryReleases}.", DefaultValueFactory = _ => BuildOptions.DefaultDictionaryReleases };
        var keep = new Option<int?>("--keep") { Description = "After the build, delete all but the N newest releases of the output folder (the current one is always kept) and the content only they used." };
        var command = new Command("build", "Build a site folder into a precompressed, content-addressed release.") { site, output, exclude, releaseId, mediaType, fingerprint, strict, sri, entryPoint, noPreloadHints, dictionaryReleases, keep };
        command.Validators.Add(result =>
        {
            if (!result.GetValue(fingerprint) && (result.GetValue(strict) || result.GetValue(sri) || result.GetValue(entryPoint) is { Length: > 0 }))
                result.AddError("--strict, --sri and --entry-point apply to fingerprinting: add --fingerprint");
            if (result.GetValue(dictionaryReleases) < 0)
                result.AddError("--dictionary-releases: a number of releases, 0 or more");
            if (result.GetValue(keep) is < 1)
                result.AddError("--keep: keep at least 1 release (the current one)");
        });
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, new BuildOptions(parseResult.GetRequiredValue(site))
        {
            Excludes = parseResult.GetValue(exclude) ?? [],
            ReleaseId = parseResult.GetValue(releaseId),
            PreloadHints = !parseResult.GetValue(noPreloadHints),
            DictionaryReleases = parseResult.GetValue(dictionaryReleases),
            Fingerprint = parseResult.GetValue(fingerprint)
                ? new FingerprintOptions { Strict = parseResult.GetValue(strict), SubresourceIntegrity = parseResult.GetValue(sri), EntryPoints = parseResult.GetValue(entryPoint) ?? [] }
                : null,
        }, parseResult.GetValue(mediaType) ?? [], parseResult.GetRequiredValue(output), parseResult.GetValue(keep), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, BuildOptions options, string[] mediaTypes, string output, int? keep, CancellationToken cancellationToken)
    {
        var console = CliConsole.For(parseResult);
        try
        {
            options = options with { ExtraMediaTypes = ParseMediaTypes(mediaTypes) };
            var terminal = CliConsole.IsTerminal(parseResult.InvocationConfiguration.Output);
            var result = await BuildProgressView.RunAsync(console, terminal,
                progress => ReleaseBuilder.BuildToFolderAsync(options, output, progress, cancellationToken));
            WriteSummary(console, result, Path.GetFullPath(output));
            foreach (var warning in result.Warnings)
                parseResult.InvocationConfiguration.Error.WriteLine("warning: " + warning);
            return keep is { } count ? Prune(parseResult, console, result.ReleaseId, output, count, cancellationToken) : 0;
        }
        catch (BuildException e)
        {
            return CliConsole.Fail(parseResult, e.Message);
        }
        catch (OperationCanceledException)
        {
            var folder = Path.GetFullPath(output);
            return CliConsole.Interrupted(parseResult, File.Exists(Path.Join(folder, ReleaseLayout.Current))
                ? $"{folder}: the build stopped; the current release is unchanged"
                : $"{folder}: the build stopped; no release was made");
        }
    }

    private static int Prune(ParseResult parseResult, IAnsiConsole console, string releaseId, string output, int keep, CancellationToken cancellationToken)
    {
        try
        {
            var pruned = FolderReleasePruner.Prune(output, keep, () => console.WriteLine(BuildProgressView.Waiting(Path.GetFullPath(output))), cancellationToken);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pruned {pruned.DeletedReleases.Count} older release(s) and {pruned.DeletedContent} content file(s) only they used; kept {string.Join(", ", pruned.KeptReleases.Order(StringComparer.Ordinal))}"));
            return 0;
        }
        catch (BuildException e)
        {
            return CliConsole.Fail(parseResult, $"release {releaseId} is built and current, but pruning stopped: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            return CliConsole.Interrupted(parseResult, $"release {releaseId} is built and current; pruning stopped before it began");
        }
    }

    private static Dictionary<string, string> ParseMediaTypes(string[] mappings)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mapping in mappings)
        {
            var equals = mapping.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw new BuildException($"--media-type \"{mapping}\"", "a mapping is .ext=type/subtype");
            table[mapping[..equals]] = mapping[(equals + 1)..];
        }
        return table;
    }

    private static void WriteSummary(IAnsiConsole console, BuildResult result, string output)
    {
        var totals = result.Totals;
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("encoding").AddColumn(new TableColumn("variants").RightAligned())
            .AddColumn(new TableColumn("site size").RightAligned()).AddColumn(new TableColumn("saving").RightAligned());
        table.AddRow("identity", totals.Files.ToString(CultureInfo.InvariantCulture), ByteSize.Format(totals.IdentityBytes), "");
        foreach (var encoding in totals.Encodings)
        {
            table.AddRow(encoding.Encoding.Token(), encoding.Variants.ToString(CultureInfo.InvariantCulture),
                ByteSize.Format(encoding.Bytes), ByteSize.Saving(totals.IdentityBytes, encoding.Bytes));
        }
        if (totals.Deltas.Count > 0)
            table.AddRow("dcz (deltas)", totals.Deltas.Count.ToString(CultureInfo.InvariantCulture), ByteSize.Format(totals.Deltas.Bytes), "");
        console.Write(table);
        if (result.DeltasMade + result.DeltasReused > 0)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"deltas against earlier versions: {result.DeltasMade} made, {result.DeltasReused} reused; {totals.Deltas.Count} in the release, {ByteSize.Format(totals.Deltas.Bytes)}"));
        }
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"built release {result.ReleaseId} into {output}: {totals.Files} files{(totals.Assets == totals.Files ? "" : $" at {totals.Assets} URLs")}, {ByteSize.Format(totals.IdentityBytes)} in; {result.ContentsWritten} contents stored, {result.ContentsReused} reused; {result.Elapsed.TotalSeconds:0.00} s"));
        if (result.Index.Assets.Any(asset => asset.Immutable))
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fingerprinted {result.Index.Assets.Count(asset => asset.Immutable)} files; {result.Warnings.Count} warning(s)"));
        }
    }
}
