using System.CommandLine;
using Azure;
using ServeStatic.Azure;
using Spectre.Console;

namespace ServeStatic.Cli;

/// <summary><c>servestatic publish &lt;release-dir&gt; (--container-url URL | --connection-string CS --container NAME) [--activate]</c></summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("release-dir") { Description = "A release folder written by `servestatic build` (content/, releases/, current)." };
        var activate = new Option<bool>("--activate") { Description = "Switch 'current' to this release once every blob is uploaded." };
        var create = new Option<bool>("--create-container") { Description = "Create the container first if it does not exist (a fresh Azurite)." };
        var parallelism = new Option<int>("--parallel") { Description = "How many blobs to upload at once.", DefaultValueFactory = _ => 8 };
        var container = new ContainerOptions();
        var command = new Command("publish", "Upload a release to a blob container: only the content it lacks, then the index, then (with --activate) the switch.");
        command.Arguments.Add(folder);
        command.Options.Add(activate);
        command.Options.Add(create);
        command.Options.Add(parallelism);
        container.AddTo(command);
        command.SetAction((result, cancellationToken) => StorageErrors.RunAsync(result, async () =>
        {
            var console = CliConsole.For(result);
            var client = container.Open(result)!;
            if (result.GetValue(create))
                await ReleaseContainer.CreateIfMissingAsync(client, cancellationToken);
            var publisher = new ReleasePublisher(client, Math.Max(1, result.GetValue(parallelism)));
            async Task<PublishSummary> Publish(IProgress<PublishProgress>? progress)
            {
                try
                {
                    return await publisher.PublishAsync(result.GetRequiredValue(folder).FullName, result.GetValue(activate), progress, cancellationToken);
                }
                catch (ReleaseStorageException e) when (IsContainerMissing(e))
                {
                    throw new ReleaseStorageException(e.Message + "; add --create-container to create it", e);
                }
            }
            var summary = CliConsole.IsTerminal(result.InvocationConfiguration.Output)
                ? await console.Progress()
                    .AutoClear(true)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(context => Publish(new ProgressBar(context.AddTask($"uploading to {Markup.Escape(client.Name)}", maxValue: 1))))
                : await Publish(null);
            console.WriteLine(
                $"release {summary.ReleaseId} -> {ReleaseContainer.Describe(client)}: " +
                $"{summary.Uploaded} uploaded ({ByteSize.Format(summary.BytesUploaded)}), {summary.AlreadyPresent} already present");
            console.WriteLine(summary.Activated
                ? $"current: {summary.ReleaseId}" + (summary.PreviousReleaseId is { } previous && previous != summary.ReleaseId ? $" (was {previous})" : "")
                : $"current: unchanged (run `servestatic releases activate {summary.ReleaseId}` to switch)");
            return 0;
        }));
        return command;
    }

    /// <summary>True when storage answered that the container does not exist (404 ContainerNotFound).</summary>
    private static bool IsContainerMissing(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is RequestFailedException { ErrorCode: "ContainerNotFound" })
                return true;
        }
        return false;
    }

    /// <summary>Reports straight into the Spectre task (which is thread-safe), so the bar follows the uploads.</summary>
    private sealed class ProgressBar(ProgressTask task) : IProgress<PublishProgress>
    {
        public void Report(PublishProgress value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Settled;
        }
    }
}
