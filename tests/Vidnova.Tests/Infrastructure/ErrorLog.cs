using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Vidnova.Tests.Infrastructure;

/// <summary>
/// Keeps the host's error logs so that a test seeing a 500 can say what the server threw, and its warnings apart, for
/// tests of what the host warns operators about.
/// </summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();
    private readonly ConcurrentQueue<string> _warnings = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public IReadOnlyCollection<string> Warnings => _warnings;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                (logLevel >= LogLevel.Error ? log._entries : log._warnings).Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
