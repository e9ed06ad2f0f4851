using System.CommandLine;
using ServeStatic.Build;
using ServeStatic.Index;
using Spectre.Console;

namespace ServeStatic.Cli;

/// <summary><c>servestatic inspect &lt;release-dir&gt;</c>: a table of a release's assets and their variants, with totals.</summary>
internal static class InspectCommand
{
    private static readonly ContentEncoding[] Compressed = [ContentEncoding.Brotli, ContentEncoding.Gzip, ContentEncoding.Zstd];

    public static Command Create()
    {
        var folder = new Argument<string>("release-dir") { Description = "The release folder (holding content/, releases/ and current)." };
        var release = new Option<string?>("--release") { Description = "The release id to show (default: the current one)." };
        var command = new Command("inspect", "Show the assets of a release: sizes, variants and their savings, media types.") { folder, release };
        command.SetAction(parseResult => Run(parseResult, Path.GetFullPath(parseResult.GetRequiredValue(folder)), parseResult.GetValue(release)));
        return command;
    }

    private static int Run(ParseResult parseResult, string folder, string? releaseId)
    {
        try
        {
            var (id, index) = Load(folder, releaseId);
            var console = CliConsole.For(parseResult);
            console.Write(Table(index));
            var missing = MissingContent(folder, index);
            var variants = string.Join(", ", ReleaseTotals.Of(index).Encodings.Select(total => $"{total.Variants} {total.Encoding.Token()}"));
            console.WriteLine($"release {id} in {folder}: {index.Assets.Count} assets; variants: {variants}");
            if (missing.Count == 0)
                return 0;
            return CliConsole.Fail(parseResult, $"{folder}: {missing.Count} content files are missing or have the wrong size, first {missing[0]}");
        }
        catch (InvalidReleaseException e)
        {
            return CliConsole.Fail(parseResult, e.Message);
        }
    }

    private static (string Id, ReleaseIndex Index) Load(string folder, string? releaseId)
    {
        if (!Directory.Exists(folder))
            throw new InvalidReleaseException(folder, "the release folder does not exist");
        var currentPath = Path.Join(folder, ReleaseLayout.Current);
        if (releaseId is null)
        {
            if (!File.Exists(currentPath))
                throw new InvalidReleaseException(folder, $"there is no '{ReleaseLayout.Current}' file, so this is not a release folder (build one with 'servestatic build')");
            releaseId = ReleaseLayout.ParseCurrent(File.ReadAllText(currentPath), currentPath);
        }
        else if (!ReleaseLayout.IsSafeName(releaseId))
        {
            throw new InvalidReleaseException($"--release \"{releaseId}\"", "not a release id");
        }
        var indexPath = Path.Join(folder, ReleaseLayout.IndexPath(releaseId));
        if (!File.Exists(indexPath))
            throw new InvalidReleaseException(indexPath, $"release {releaseId} has no index");
        return (releaseId, IndexSerializer.Deserialize(File.ReadAllBytes(indexPath), indexPath));
    }

    private static Table Table(ReleaseIndex index)
    {
        var totals = ReleaseTotals.Of(index);
        var table = new Table().Border(TableBorder.Rounded).ShowFooters()
            .AddColumn(new TableColumn("path").Footer($"{totals.Assets} assets"))
            .AddColumn("media type")
            .AddColumn(new TableColumn("size").RightAligned().Footer(ByteSize.Format(totals.IdentityBytes)));
        foreach (var total in totals.Encodings)
        {
            table.AddColumn(new TableColumn(total.Encoding.Token()).RightAligned()
                .Footer(Markup.Escape($"{ByteSize.Format(total.Bytes)} (-{ByteSize.Saving(totals.IdentityBytes, total.Bytes)})")));
        }
        table.AddColumn("immutable");
        foreach (var asset in index.Assets)
        {
            var cells = new List<string> { asset.Path, asset.ContentType, ByteSize.Format(asset.Size) };
            foreach (var encoding in Compressed)
            {
                var variant = asset.Variants.FirstOrDefault(v => v.Encoding == encoding);
                cells.Add(variant is null ? "–" : $"{ByteSize.Format(variant.Size)} (-{ByteSize.Saving(asset.Size, variant.Size)})");
            }
            cells.Add(asset.Immutable ? "yes" : "no");
            table.AddRow(cells.Select(cell => new Text(cell)));
        }
        return table;
    }

    private static List<string> MissingContent(string folder, ReleaseIndex index) =>
        [.. index.Assets.SelectMany(asset => asset.Variants)
            .Where(variant => new FileInfo(Path.Join(folder, ReleaseLayout.ContentPath(variant.Key))) is not { Exists: true } file || file.Length != variant.Size)
            .Select(variant => ReleaseLayout.ContentPath(variant.Key))
            .Distinct()];
}
