using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ServeStatic.Azure.Tests;

/// <summary>A logger provider that keeps every entry, so a test can read what the server logged.</summary>
public sealed class CollectedLogs : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public bool Contains(string text) => Entries.Any(e => e.Message.Contains(text, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(CollectedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Entries.Enqueue((logLevel, exception is null ? formatter(state, exception) : $"{formatter(state, exception)} [{exception.Message}]"));
    }
}
