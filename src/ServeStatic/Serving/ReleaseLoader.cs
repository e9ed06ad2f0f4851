using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServeStatic.Sources;

namespace ServeStatic.Serving;

/// <summary>
/// Loads the current release at start-up (start-up waits for it, bounded, so the first request finds it), then reloads
/// whenever the source says it changed. A release that fails to load is logged and the previous one keeps serving.
/// A loaded release serves at once; its small bodies are read into memory after that, in the background. A request that
/// misses a fingerprinted path has the current release loaded now (<see cref="RefreshAfterMissAsync"/>), rate-limited.
/// </summary>
internal sealed class ReleaseLoader(IReleaseSource source, ReleaseHolder holder, IOptions<ServeStaticOptions> options, ILogger<ReleaseLoader> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    // The watch and a refresh after a miss may both load; one at a time, so an older release never replaces a newer one.
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Task? _running;
    private Task _holding = Task.CompletedTask;
    private readonly Lock _refreshLock = new();
    private Task _refreshing = Task.CompletedTask;
    private long? _lastRefresh;

    /// <summary>The message of the last load's failure (null after a success): a retry failing the same way is logged without the trace.</summary>
    private string? _lastFailure;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var startupWait = TimeSpan.FromSeconds(settings.StartupWaitSeconds);
        holder.OpenStartupWindow(startupWait);
        _running = Task.Run(() => RunAsync(settings, _stopping.Token), CancellationToken.None);
        if (await holder.WaitForReleaseAsync(startupWait, cancellationToken) is null)
            logger.NoReleaseYet(settings.StartupWaitSeconds);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_running is not null)
            await _running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _holding.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _loading.Dispose();
    }

    /// <summary>
    /// After <paramref name="missed"/> had no asset at a fingerprinted-looking path: a page of a newer release may have reached
    /// this instance before it switched. Starts one load of the current release unless one started within
    /// <see cref="ServeStaticOptions.MissRefreshSeconds"/> (a load in progress is waited for), and returns the snapshot to look
    /// in again, or null when there is none newer (or refreshing is off).
    /// </summary>
    internal async Task<AssetIndex?> RefreshAfterMissAsync(AssetIndex missed, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.MissRefreshSeconds <= 0)
            return null;
        Task refresh;
        lock (_refreshLock)
        {
            var now = Environment.TickCount64;
            if (_refreshing.IsCompleted && (_lastRefresh is not { } last || now - last >= settings.MissRefreshSeconds * 1000L))
            {
                _lastRefresh = now;
                _refreshing = TryLoadAsync(settings, _stopping.Token);
            }
            refresh = _refreshing;
        }
        await refresh.WaitAsync(cancellationToken);
        return holder.Current is { } current && current != missed ? current : null;
    }

    private async Task RunAsync(ServeStaticOptions settings, CancellationToken stopping)
    {
        var pause = TimeSpan.FromSeconds(settings.RetryAfterSeconds);
        try
        {
            while (holder.Current is null && !await TryLoadAsync(settings, stopping))
                await Task.Delay(pause, stopping);
            while (true)
            {
                try
                {
                    await source.WaitForChangeAsync(stopping);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.WatchFailed(e, source.Description, settings.RetryAfterSeconds);
                    await Task.Delay(pause, stopping);
                    continue;
                }
                await TryLoadAsync(settings, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task<bool> TryLoadAsync(ServeStaticOptions settings, CancellationToken stopping)
    {
        try
        {
            await _loading.WaitAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        try
        {
            var started = Stopwatch.GetTimestamp();
            if (await source.LoadCurrentAsync(holder.Current?.ReleaseId, stopping) is not { } release)
            {
                _lastFailure = null;
                return true;
            }
            var index = AssetIndex.Load(release, settings);
            holder.Swap(index);
            _lastFailure = null;
            logger.ReleaseLoaded(index.ReleaseId, index.AssetCount, source.Description, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            _holding = Task.Run(() => HoldSmallBodiesAsync(index, stopping), CancellationToken.None);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            var consequence = holder.Current is { } current
                ? $"release {current.ReleaseId} keeps serving"
                : $"answering 503 and trying again in {settings.RetryAfterSeconds} s";
            if (e.Message == _lastFailure)
                logger.ReleaseLoadStillFailing(source.Description, e.Message, consequence);
            else
                logger.ReleaseLoadFailed(e, source.Description, consequence);
            _lastFailure = e.Message;
            return false;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task HoldSmallBodiesAsync(AssetIndex index, CancellationToken stopping)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var held = await index.HoldSmallBodiesAsync(stopping);
            logger.BodiesHeld(index.ReleaseId, held.Count, held.Bytes, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (held.FirstFailure is { } failure)
                logger.BodiesNotHeld(failure, index.ReleaseId, held.Failed);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
