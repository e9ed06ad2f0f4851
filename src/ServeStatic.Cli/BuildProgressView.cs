using ServeStatic.Build;
using Spectre.Console;

namespace ServeStatic.Cli;

/// <summary>
/// Shows a build's progress: a live bar per stage on a terminal, or a plain line per stage and per tenth of it
/// when the output is redirected (a log should not fill with redraws).
/// </summary>
internal static class BuildProgressView
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, bool terminal, Func<IProgress<BuildProgress>, Task<T>> build)
    {
        if (!terminal)
            return await build(new PlainLines(console));
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(context => build(new Bars(context)));
    }

    /// <summary>What a build or prune says while another holds the release folder's lock.</summary>
    public static string Waiting(string folder) => $"waiting for another build of {folder}…";

    private static string Describe(BuildProgress value) => value.Stage switch
    {
        BuildStage.Scanning => "scanning",
        BuildStage.Fingerprinting => "fingerprinting",
        BuildStage.Hashing => "hashing",
        BuildStage.Waiting => Waiting(value.Item ?? "the release folder"),
        BuildStage.Compressing => "compressing",
        BuildStage.Deltas => "making deltas",
        BuildStage.Writing => "writing",
        _ => value.Stage.ToString(),
    };

    private sealed class Bars(ProgressContext context) : IProgress<BuildProgress>
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<BuildStage, ProgressTask> _tasks = [];

        public void Report(BuildProgress value)
        {
            lock (_lock)
            {
                if (!_tasks.TryGetValue(value.Stage, out var task))
                {
                    // A new stage begins only when the earlier ones are done (a wait for the folder's lock included).
                    foreach (var earlier in _tasks.Values)
                    {
                        earlier.Value = earlier.MaxValue;
                        earlier.StopTask();
                    }
                    task = _tasks[value.Stage] = context.AddTask(Markup.Escape(Describe(value)), maxValue: Math.Max(1, value.Total));
                }
                task.MaxValue = Math.Max(1, value.Total);
                task.Value = value.Total == 0 ? 0 : value.Done;
            }
        }
    }

    private sealed class PlainLines(IAnsiConsole console) : IProgress<BuildProgress>
    {
        private readonly Lock _lock = new();
        private BuildStage? _stage;
        private int _tenths;

        public void Report(BuildProgress value)
        {
            lock (_lock)
            {
                if (value.Stage != _stage)
                {
                    _stage = value.Stage;
                    _tenths = 0;
                    console.WriteLine(value.Total > 0 ? $"{Describe(value)} {value.Total} {(value.Total == 1 ? "item" : "items")}" : Describe(value));
                }
                if (value.Total > 0 && value.Stage is BuildStage.Fingerprinting or BuildStage.Hashing or BuildStage.Compressing or BuildStage.Deltas)
                {
                    var tenths = (int)(10L * value.Done / value.Total);
                    if (tenths > _tenths)
                    {
                        _tenths = tenths;
                        console.WriteLine($"  {Describe(value)} {value.Done}/{value.Total}");
                    }
                }
            }
        }
    }
}
