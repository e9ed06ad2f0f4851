using System.CommandLine;
using System.Globalization;
using ServeStatic.Azure;
using ServeStatic.Index;
using Spectre.Console;

namespace ServeStatic.Cli;

/// <summary><c>servestatic releases list | activate &lt;id&gt; | rollback | prune --keep N</c>, each with the container options.</summary>
internal static class ReleasesCommand
{
    public static Command Create()
    {
        var command = new Command("releases", "List, switch, roll back and prune the releases in a blob container.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Activate());
        command.Subcommands.Add(Rollback());
        command.Subcommands.Add(Prune());
        return command;
    }

    private static Command List()
    {
        var container = new ContainerOptions();
        var command = new Command("list", "Every release in the container, newest first; * marks the active one.");
        container.AddTo(command);
        command.SetAction((result, cancellationToken) => StorageErrors.RunAsync(result, async () =>
        {
            var releases = await new ReleaseManager(container.Open(result)!).ListAsync(cancellationToken);
            var table = new Table().Border(TableBorder.Rounded).AddColumns("", "release", "published (UTC)", "files", "URLs", "size");
            foreach (var release in releases)
            {
                table.AddRow(
                    release.IsActive ? "*" : "",
                    release.Id,
                    release.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    release.Files.ToString(CultureInfo.InvariantCulture),
                    release.Assets.ToString(CultureInfo.InvariantCulture),
                    ByteSize.Format(release.Bytes));
            }
            CliConsole.For(result).Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Activate()
    {
        var id = new Argument<string>("id") { Description = "The release id (see `servestatic releases list`)." };
        var container = new ContainerOptions();
        var command = new Command("activate", "Point 'current' at a release, after checking every blob it needs is present.");
        command.Arguments.Add(id);
        container.AddTo(command);
        command.SetAction((result, cancellationToken) => StorageErrors.RunAsync(result, async () =>
        {
            var after = await new ReleaseManager(container.Open(result)!).ActivateAsync(result.GetValue(id)!, cancellationToken: cancellationToken);
            CliConsole.For(result).WriteLine($"current: {after.ReleaseId}" + (after.History.FirstOrDefault() is { } previous ? $" (was {previous})" : ""));
            return 0;
        }));
        return command;
    }

    private static Command Rollback()
    {
        var container = new ContainerOptions();
        var command = new Command("rollback", "Point 'current' back at the release that was active before it.");
        container.AddTo(command);
        command.SetAction((result, cancellationToken) => StorageErrors.RunAsync(result, async () =>
        {
            var after = await new ReleaseManager(container.Open(result)!).RollbackAsync(cancellationToken);
            CliConsole.For(result).WriteLine($"current: {after.ReleaseId} (rolled back)");
            return 0;
        }));
        return command;
    }

    private static Command Prune()
    {
        var keep = new Option<int>("--keep")
        {
            Description = "How many of the newest releases to keep (the active one and the one a rollback would switch to are always kept).",
            Required = true,
        };
        keep.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
                r.AddError("--keep must be 0 or more.");
        });
        var container = new ContainerOptions();
        var command = new Command("prune",
            "Delete old releases and the content only they used; never the active one or the rollback target, never shared content.");
        command.Options.Add(keep);
        container.AddTo(command);
        command.SetAction((result, cancellationToken) => StorageErrors.RunAsync(result, async () =>
        {
            var summary = await new ReleaseManager(container.Open(result)!).PruneAsync(result.GetValue(keep), cancellationToken);
            var kept = summary.KeptReleases.Count == 0 ? "" : $"; kept {string.Join(", ", summary.KeptReleases)}"
                + (summary.RollbackTarget is { } target ? $", including {target}, the release a rollback would switch to" : "");
            CliConsole.For(result).WriteLine((summary.DeletedReleases.Count == 0
                ? "nothing to prune"
                : $"deleted {summary.DeletedReleases.Count} release(s) ({string.Join(", ", summary.DeletedReleases)}) and {summary.DeletedContent} content blob(s)") + kept);
            return 0;
        }));
        return command;
    }
}
