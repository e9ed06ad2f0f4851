using System.CommandLine;
using ServeStatic.Build;
using ServeStatic.Index;
using Spectre.Console;

namespace ServeStatic.Cli;

/// <summary>
/// <c>servestatic inspect &lt;release-dir&gt; [--verify]</c>: a table of a release's assets and their variants, with totals;
/// read through the folder's <see cref="FolderReleaseStore"/>; every content file the release names is checked (<see cref="FolderContentCheck"/>): present with the recorded size, and
/// with <c>--verify</c> hashed against the index. Each bad file is one error line; any makes the exit code 1.
/// </summary>
internal static class InspectCommand
{
    private static readonly ContentEncoding[] Compressed = [ContentEncoding.Brotli, ContentEncoding.Gzip, ContentEncoding.Zstd];

    public static Command Create()
    {
        var folder = new Argument<string>("release-dir") { Description = "The release folder (holding content/, releases/ and current)." };
        var release = new Option<string?>("--release") { Description = "The release id to show (default: the current one)." };
        var verify = new Option<bool>("--verify") { Description = "Hash every content file the release names and compare it with the index (reads every byte; without it, only presence and sizes are checked)." };
        var command = new Command("inspect", "Show the assets of a release: sizes, variants and their savings, media types; check its content files.") { folder, release, verify };
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(Run(parseResult, Path.GetFullPath(parseResult.GetRequiredValue(folder)), parseResult.GetValue(release),
            parseResult.GetValue(verify) ? ContentCheck.Hash : ContentCheck.Size, cancellationToken)));
        return command;
    }

    private static int Run(ParseResult parseResult, string folder, string? releaseId, ContentCheck depth, CancellationToken cancellationToken)
    {
        try
        {
            var store = FolderReleaseStore.Open(folder);
            var (id, index) = Load(store, releaseId);
            var console = CliConsole.For(parseResult);
            console.Write(Table(index));
            var totals = ReleaseTotals.Of(index);
            var variants = string.Join(", ", totals.Encodings.Select(total =>
                $"{total.Variants} {total.Encoding.Token()} (-{ByteSize.Saving(totals.IdentityBytes, total.Bytes)})"));
            console.WriteLine($"media types: {MediaTypes(index)}");
            console.WriteLine($"release {id} in {folder}: {totals.Assets} paths, {totals.Files} files; variants: {variants}");
            var files = index.NamedContent().Count();
            var faults = 0;
            foreach (var fault in FolderContentCheck.Faults(store.ContentFolder, index, id, depth, cancellationToken))
            {
                faults++;
                CliConsole.Fail(parseResult, fault.ToString());
            }
            if (faults == 0)
            {
                console.WriteLine(depth == ContentCheck.Hash
                    ? $"content: {files} files, all hashed and as the index records"
                    : $"content: {files} files, all present with the recorded sizes (not hashed: --verify hashes them)");
                return 0;
            }
            return CliConsole.Fail(parseResult, $"{folder}: {faults} of the {files} content files of release {id} are not what its index records");
        }
        catch (InvalidReleaseException e)
        {
            return CliConsole.Fail(parseResult, e.Message);
        }
        catch (OperationCanceledException)
        {
            return CliConsole.Fail(parseResult, $"{folder}: the check was cancelled");
        }
    }

    private static (string Id, ReleaseIndex Index) Load(FolderReleaseStore store, string? releaseId)
    {
        if (releaseId is null && !FolderReleaseStore.IsReleaseFolder(store.Root))
            throw new InvalidReleaseException(store.Root, $"there is no '{ReleaseLayout.Current}' file, so this is not a release folder (build one with 'servestatic build')");
        if (releaseId is not null && !ReleaseLayout.IsSafeName(releaseId))
            throw new InvalidReleaseException($"--release \"{releaseId}\"", "not a release id");
        releaseId ??= store.ReadCurrent();
        return (releaseId, store.ReadIndex(releaseId));
    }

    /// <summary>
    /// One row per URL path, narrow enough for an 80-column terminal: sizes only (the savings are in the line after the
    /// table), the media types in a line of their own.
    /// </summary>
    private static Table Table(ReleaseIndex index)
    {
        var totals = ReleaseTotals.Of(index);
        var table = new Table().Border(TableBorder.Rounded).ShowFooters()
            .AddColumn(new TableColumn("path").Footer(totals.Files == totals.Assets ? $"{totals.Assets} files" : $"{totals.Assets} paths, {totals.Files} files"))
            .AddColumn(new TableColumn("size").RightAligned().Footer(ByteSize.Format(totals.IdentityBytes)));
        foreach (var total in totals.Encodings)
        {
            table.AddColumn(new TableColumn(total.Encoding.Token()).RightAligned()
                .Footer(ByteSize.Format(total.Bytes)));
        }
        table.AddColumn("imm.");
        foreach (var asset in index.Assets)
        {
            var cells = new List<string> { asset.Path, ByteSize.Format(asset.Size) };
            foreach (var encoding in Compressed)
                cells.Add(asset.Variants.FirstOrDefault(v => v.Encoding == encoding) is { } variant ? ByteSize.Format(variant.Size) : "–");
            cells.Add(asset.Immutable ? "yes" : "");
            table.AddRow(cells.Select(cell => new Text(cell)));
        }
        return table;
    }

    /// <summary>Each media type and how many paths have it: <c>text/css (4), text/html (1)</c>.</summary>
    private static string MediaTypes(ReleaseIndex index) => string.Join(", ", index.Assets
        .GroupBy(asset => asset.ContentType, StringComparer.Ordinal)
        .OrderBy(group => group.Key, StringComparer.Ordinal)
        .Select(group => $"{group.Key} ({group.Count()})"));
}
