using Microsoft.Extensions.Logging;

namespace Everest.Site.Tests.Hosting;

/// <summary>Keeps every log entry written through Microsoft.Extensions.Logging, and lets a test await one.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly Lock gate = new();
    private readonly List<LogEntry> entries = [];
    private readonly List<(Func<LogEntry, bool> Condition, TaskCompletionSource Seen)> waiters = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public async Task WaitUntilAsync(Func<LogEntry, bool> condition, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (entries.Any(condition))
            {
                return;
            }

            waiters.Add((condition, seen));
        }

        try
        {
            await seen.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No such log entry within {timeout.TotalSeconds} s. Logged:{Environment.NewLine}{string.Join(Environment.NewLine, Entries)}");
        }
    }

    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        lock (gate)
        {
            entries.Add(entry);
            foreach (var waiter in waiters.Where(w => w.Condition(entry)).ToList())
            {
                waiters.Remove(waiter);
                waiter.Seen.TrySetResult();
            }
        }
    }

    internal sealed record LogEntry(string Category, LogLevel Level, string Message);

    private sealed class Logger(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(new LogEntry(category, logLevel, formatter(state, exception)));
    }
}
