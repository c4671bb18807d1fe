using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dockward.Functions.Tests.Hosting;

/// <summary>Keeps what was logged, so a test can assert that a failure was reported rather than thrown.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        entries.Enqueue(new LogEntry(logLevel, formatter(state, exception), exception));
}

internal sealed record LogEntry(LogLevel Level, string Message, Exception? Exception);
