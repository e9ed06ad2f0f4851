using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ServeStatic.Tests.Serving;

/// <summary>A logger provider that keeps every entry, so a test can read what the server logged.</summary>
internal sealed class CollectedLogs : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Waits (up to ten seconds) for an entry the server logs from a background task; true once one matches.</summary>
    public async Task<bool> WaitForAsync(Func<(LogLevel Level, string Category, string Message, Exception? Exception), bool> match)
    {
        for (var i = 0; i < 100; i++)
        {
            if (Entries.Any(match))
                return true;
            await Task.Delay(100);
        }
        return false;
    }

    public void Dispose() { }

    private sealed class Logger(CollectedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Entries.Enqueue((logLevel, category, formatter(state, exception), exception));
    }
}
