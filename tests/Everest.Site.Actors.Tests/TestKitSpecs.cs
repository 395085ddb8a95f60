using Everest.Site.Actors.TestKit;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Everest.Site.Actors.Tests;

public sealed class TestKitSpecs(ITestOutputHelper output) : ActorTestKit(output)
{
    [Fact]
    public void ManualTimeProvider_fires_due_timers_in_due_order_including_periodic_ones()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var fired = new List<string>();
        using var periodic = time.CreateTimer(_ => fired.Add($"periodic@{time.GetUtcNow():mm:ss}"), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        using var single = time.CreateTimer(_ => fired.Add($"single@{time.GetUtcNow():mm:ss}"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var never = time.CreateTimer(_ => fired.Add("never"), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(["periodic@00:02", "single@00:03", "periodic@00:04", "periodic@00:06"], fired);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 6, TimeSpan.Zero), time.GetUtcNow());
        Assert.Equal(1, time.ActiveTimerCount);
    }

    [Fact]
    public void ManualTimeProvider_timers_can_be_changed_and_disposed()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(2));
        timer.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(2, count);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, count);
        timer.Dispose();
        Assert.Equal(0, time.ActiveTimerCount);
        Assert.Equal(TimeSpan.FromSeconds(12), time.GetElapsedTime(0, time.GetTimestamp()) - time.GetElapsedTime(0, new ManualTimeProvider().GetTimestamp()));
    }

    [Fact]
    public async Task Probe_replies_to_the_last_sender_and_exposes_it()
    {
        var probe = CreateTestProbe();
        var asking = probe.Ask<string>("question", DefaultTimeout);

        await probe.ExpectMsgAsync("question");
        probe.Reply("answer");

        Assert.Equal("answer", await asking);
        Assert.NotNull(probe.LastSender);
    }

    [Fact]
    public async Task ReceiveWhile_takes_matching_messages_and_leaves_the_first_other_one()
    {
        for (var i = 1; i <= 3; i++)
        {
            TestActor.Tell(i);
        }

        TestActor.Tell("stop");

        var numbers = await TestActor.ReceiveWhileAsync<int>(max: DefaultTimeout, idle: DefaultTimeout);
        Assert.Equal([1, 2, 3], numbers);
        await ExpectMsgAsync("stop");
    }

    [Fact]
    public async Task A_failed_expectation_says_what_was_expected_and_what_arrived()
    {
        TestActor.Tell(7);

        var failure = await Assert.ThrowsAsync<TestKitAssertionException>(() => ExpectMsgAsync("seven"));
        Assert.Contains("seven", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Int32 7", failure.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<TestKitAssertionException>(() => ExpectMsgAsync<int>(timeout: TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public async Task AwaitCondition_fails_with_the_description_when_the_condition_never_holds()
    {
        var failure = await Assert.ThrowsAsync<TestKitAssertionException>(() => AwaitConditionAsync(() => false, TimeSpan.FromMilliseconds(50), "the impossible"));

        Assert.Contains("the impossible", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeFactor_scales_the_default_timeout()
    {
        Assert.Equal(TimeSpan.FromTicks((long)(TimeSpan.FromSeconds(3).Ticks * TimeFactor)), DefaultTimeout);
        Assert.Equal(TimeSpan.FromTicks((long)(TimeSpan.FromSeconds(1).Ticks * TimeFactor)), Dilated(TimeSpan.FromSeconds(1)));
    }
}

public sealed class DeadLetterLoggingSpecs : ActorTestKit
{
    [Fact]
    public async Task Dead_letters_are_logged_in_a_burst_then_summarised_per_interval_not_per_message()
    {
        var lines = new CountingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(lines));
        await using var system = new ActorSystem(new ActorSystemOptions
        {
            Name = "dead-letter-logging",
            TimeProvider = Time,
            LoggerFactory = loggerFactory,
            DeadLetterLogBurst = 3,
            DeadLetterLogInterval = TimeSpan.FromSeconds(10),
        });

        for (var i = 0; i < 100; i++)
        {
            system.DeadLetters.Tell(i);
        }

        Assert.Equal(100, system.DeadLetterCount);
        Assert.Equal(3, lines.Count);
        Time.Advance(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 100; i++)
        {
            system.DeadLetters.Tell(i);
        }

        Assert.Equal(200, system.DeadLetterCount);
        Assert.Equal(4, lines.Count);
        Assert.Contains("more dead letters", lines.Last, StringComparison.Ordinal);
    }

    private sealed class CountingLoggerProvider : ILoggerProvider, ILogger
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public string Last { get; private set; } = string.Empty;

        public ILogger CreateLogger(string categoryName) => this;

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Interlocked.Increment(ref _count);
                Last = formatter(state, exception);
            }
        }
    }
}
