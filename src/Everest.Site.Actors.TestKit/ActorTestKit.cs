using System.Globalization;
using Everest.Site.Actors.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Xunit.Abstractions;

namespace Everest.Site.Actors.TestKit;

/// <summary>
/// Base class of actor tests (xunit creates one per test): an <see cref="ActorSystem"/> on a
/// <see cref="ManualTimeProvider"/> with an in-memory journal and snapshot store, a default probe
/// (<see cref="TestActor"/>), and awaitable expectations. Timers and TimeProvider-based code move only when
/// the test calls <see cref="Advance"/>; message delivery is real and awaited with <see cref="DefaultTimeout"/>.
/// The system is terminated when the test ends.
/// </summary>
public abstract class ActorTestKit : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>The environment variable that scales every default wait.</summary>
    public const string TimeFactorVariable = "EVEREST_SITE_TEST_TIME_FACTOR";

    private readonly ILoggerFactory _loggerFactory;
    private int _probeCount;
    private int _disposed;

    protected ActorTestKit(ITestOutputHelper? output = null, ActorTestKitOptions? options = null)
    {
        options ??= new ActorTestKitOptions();
        TimeFactor = options.TimeFactor ?? ReadTimeFactor();
        if (TimeFactor <= 0 || double.IsNaN(TimeFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(options), TimeFactor, "TimeFactor must be positive.");
        }

        DefaultTimeout = Dilated(options.DefaultTimeout ?? TimeSpan.FromSeconds(3));
        Time = new ManualTimeProvider(options.StartTime);
        var journal = options.Journal ?? new InMemoryJournal();
        Journal = journal;
        EventQuery = journal as IEventQuery;
        SnapshotStore = options.SnapshotStore ?? new InMemorySnapshotStore();
        Serializer = options.Serializer ?? new JsonEventSerializer();
        _loggerFactory = output is null
            ? NullLoggerFactory.Instance
            : Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder
                .SetMinimumLevel(options.MinimumLogLevel ?? LogLevel.Information)
                .AddProvider(new XunitLoggerProvider(output, options.MinimumLogLevel ?? LogLevel.Information)));
        Sys = new ActorSystem((options.System ?? new ActorSystemOptions()) with
        {
            Name = options.System?.Name ?? "test",
            TimeProvider = Time,
            LoggerFactory = _loggerFactory,
            Journal = Journal,
            SnapshotStore = SnapshotStore,
            Serializer = Serializer,
        });

        // Created eagerly: the probe is often first touched inside a Props factory, on an actor's thread.
        TestActor = CreateTestProbe("testActor");
    }

    /// <summary>The actor system under test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>The system's virtual clock.</summary>
    public ManualTimeProvider Time { get; }

    public IJournal Journal { get; }

    /// <summary>The journal's read side when it has one (the default in-memory journal does).</summary>
    public IEventQuery? EventQuery { get; }

    public ISnapshotStore SnapshotStore { get; }

    public IEventSerializer Serializer { get; }

    /// <summary>Scales every default wait (see <see cref="TimeFactorVariable"/>).</summary>
    public double TimeFactor { get; }

    /// <summary>The default wait of expectations, already scaled by <see cref="TimeFactor"/>.</summary>
    public TimeSpan DefaultTimeout { get; }

    /// <summary>The default probe; the <c>ExpectMsgAsync</c> shortcuts of this class read it.</summary>
    public TestProbe TestActor { get; }

    /// <summary>A new probe with its own mailbox.</summary>
    public TestProbe CreateTestProbe(string? name = null)
    {
        var number = Interlocked.Increment(ref _probeCount);
        return new TestProbe(Sys, name ?? "probe-" + number.ToString(CultureInfo.InvariantCulture), DefaultTimeout);
    }

    /// <summary><paramref name="duration"/> scaled by <see cref="TimeFactor"/>.</summary>
    public TimeSpan Dilated(TimeSpan duration) => TimeSpan.FromTicks((long)(duration.Ticks * TimeFactor));

    /// <summary>Moves virtual time forward, firing the timers that fall due.</summary>
    public void Advance(TimeSpan delta) => Time.Advance(delta);

    public Task<T> ExpectMsgAsync<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null) => TestActor.ExpectMsgAsync(predicate, timeout);

    public Task<T> ExpectMsgAsync<T>(T expected, TimeSpan? timeout = null)
        where T : notnull => TestActor.ExpectMsgAsync(expected, timeout);

    public Task ExpectNoMsgAsync(TimeSpan? duration = null) => TestActor.ExpectNoMsgAsync(duration);

    public Task<T> FishForMessageAsync<T>(Func<T, bool> isTarget, TimeSpan? timeout = null) => TestActor.FishForMessageAsync(isTarget, timeout);

    /// <summary>Polls <paramref name="condition"/> (real time) until it holds; fails after the timeout with <paramref name="description"/>.</summary>
    public async Task AwaitConditionAsync(Func<bool> condition, TimeSpan? timeout = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTimeOffset.UtcNow + limit;
        while (!condition())
        {
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new TestKitAssertionException($"Condition {description ?? "(unnamed)"} was not met within {limit}.");
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>Awaits <paramref name="assertion"/> until it stops throwing; rethrows its last failure after the timeout.</summary>
    public async Task AwaitAssertAsync(Action assertion, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var deadline = DateTimeOffset.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(10).ConfigureAwait(false);
            }
        }
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Terminates the system; fails the test if it does not terminate in time (a stuck actor).</summary>
    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await Sys.TerminateAsync().WaitAsync(DefaultTimeout * 3).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TestKitAssertionException($"The actor system did not terminate within {DefaultTimeout * 3}.");
        }
        finally
        {
            _loggerFactory.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync().ConfigureAwait(false);

    private static double ReadTimeFactor()
    {
        var raw = Environment.GetEnvironmentVariable(TimeFactorVariable);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return 1;
        }

        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0
            ? factor
            : throw new InvalidOperationException($"{TimeFactorVariable}='{raw}' is not a positive number.");
    }
}
