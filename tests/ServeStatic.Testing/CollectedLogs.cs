using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ServeStatic.Testing;

/// <summary>A logger provider that keeps every entry, so a test can read what the server logged.</summary>
public sealed class CollectedLogs : ILoggerProvider
{
    public sealed record Entry(LogLevel Level, string Category, string Message, Exception? Exception);

    public ConcurrentQueue<Entry> Entries { get; } = new();

    /// <summary>True once an entry's message, or the message of the exception it carries, contains <paramref name="text"/>.</summary>
    public bool Contains(string text) => Entries.Any(e =>
        e.Message.Contains(text, StringComparison.Ordinal) || e.Exception?.Message.Contains(text, StringComparison.Ordinal) == true);

    /// <summary>Waits for an entry the server logs from a background task; the failure lists what was logged.</summary>
    public Task WaitForAsync(Func<Entry, bool> match, string what) =>
        Eventually.ValueAsync(() => Task.FromResult(this), logs => logs.Entries.Any(match), what);

    /// <summary>Every entry, one a line, with the message of its exception.</summary>
    public override string ToString() =>
        string.Join('\n', Entries.Select(e => $"{e.Level} {e.Category}: {e.Message}{(e.Exception is null ? "" : $" [{e.Exception.Message}]")}"));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CollectedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), exception));
    }
}
