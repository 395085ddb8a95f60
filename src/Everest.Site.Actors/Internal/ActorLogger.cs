using Microsoft.Extensions.Logging;

namespace Everest.Site.Actors.Internal;

/// <summary>An actor's logger: every entry is written inside a scope carrying the actor's path.</summary>
internal sealed class ActorLogger(ILogger inner, ActorPath path) : ILogger
{
    private readonly string _path = path.ToString();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        using (inner.BeginScope(new Dictionary<string, object?>(1) { ["ActorPath"] = _path }))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
