using System.CommandLine;
using System.Globalization;
using ServeStatic.Build;
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
        var exclude = new Option<string[]>("--exclude") { Description = "A glob of site paths to leave out (repeatable): *.map, drafts/, /private/**.", Arity = ArgumentArity.ZeroOrMore };
        var releaseId = new Option<string?>("--release-id") { Description = "The release id (default: a hash of the index, so the same site gives the same id)." };
        var mediaType = new Option<string[]>("--media-type") { Description = "An extra media type mapping (repeatable): .ext=type/subtype.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("build", "Build a site folder into a precompressed, content-addressed release.") { site, output, exclude, releaseId, mediaType };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, new BuildOptions(parseResult.GetRequiredValue(site))
        {
            Excludes = parseResult.GetValue(exclude) ?? [],
            ReleaseId = parseResult.GetValue(releaseId),
        }, parseResult.GetValue(mediaType) ?? [], parseResult.GetRequiredValue(output), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, BuildOptions options, string[] mediaTypes, string output, CancellationToken cancellationToken)
    {
        var console = CliConsole.For(parseResult);
        try
        {
            options = options with { ExtraMediaTypes = ParseMediaTypes(mediaTypes) };
            var terminal = CliConsole.IsTerminal(parseResult.InvocationConfiguration.Output);
            var result = await BuildProgressView.RunAsync(console, terminal,
                progress => ReleaseBuilder.BuildToFolderAsync(options, output, progress, cancellationToken));
            WriteSummary(console, result, Path.GetFullPath(output));
            return 0;
        }
        catch (BuildException e)
        {
            return CliConsole.Fail(parseResult, e.Message);
        }
        catch (OperationCanceledException)
        {
            return CliConsole.Fail(parseResult, $"{Path.GetFullPath(output)}: the build was cancelled; the current release is unchanged");
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
        table.AddRow("identity", totals.Assets.ToString(CultureInfo.InvariantCulture), ByteSize.Format(totals.IdentityBytes), "");
        foreach (var encoding in totals.Encodings)
        {
            table.AddRow(encoding.Encoding.Token(), encoding.Variants.ToString(CultureInfo.InvariantCulture),
                ByteSize.Format(encoding.Bytes), ByteSize.Saving(totals.IdentityBytes, encoding.Bytes));
        }
        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"built release {result.ReleaseId} into {output}: {totals.Assets} files, {ByteSize.Format(totals.IdentityBytes)} in; {result.ContentsWritten} contents stored, {result.ContentsReused} reused; {result.Elapsed.TotalSeconds:0.00} s"));
    }
}
