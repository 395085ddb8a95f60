using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Everest.Site.IntegrationTests.Support;

/// <summary>Writes log entries to xunit's test output, so a failing test shows what the actors logged.</summary>
internal sealed class XunitLoggerProvider(ITestOutputHelper output, LogLevel minimumLevel = LogLevel.Debug) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new XunitLogger(output, categoryName, minimumLevel);

    public void Dispose()
    {
    }

    private sealed class XunitLogger(ITestOutputHelper output, string category, LogLevel minimumLevel) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimumLevel && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            try
            {
                output.WriteLine($"[{logLevel}] {category}: {formatter(state, exception)}{(exception is null ? string.Empty : Environment.NewLine + exception)}");
            }
            catch (InvalidOperationException)
            {
                // The test has finished; xunit refuses late output, which is harmless.
            }
        }
    }
}
