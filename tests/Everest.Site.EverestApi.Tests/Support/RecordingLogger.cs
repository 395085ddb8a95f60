using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Everest.Site.EverestApi.Tests.Support;

/// <summary>Keeps every line written at <see cref="LogLevel.Information"/> or above, so tests can count them.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> lines = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Lines => [.. lines];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            lines.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
