using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Everest.Site.Diagnostics;
using Everest.Site.Persistence;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Billing.Projection;

/// <summary>
/// The billing projection: follows the journal's <c>billing</c> tag through Akka.Persistence.Query (a live
/// <c>EventsByTag</c> from the stored offset) and keeps the <see cref="BillingReadModel"/>, one transaction per batch of
/// events holding its rows and its offset. A failure (database away, a conflict with another writer) restarts the stream
/// under backoff from what is stored, so every event is applied exactly once. Its lag is in <see cref="Lag"/>.
/// </summary>
public sealed partial class BillingProjection
{
    /// <summary>Most events in one read-model transaction.</summary>
    public const int BatchSize = 500;

    /// <summary>How long a batch waits to fill: a trickle of events still commits promptly.</summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(200);

    /// <summary>The shortest pause after a commit on SQLite: longer than SQLite's first retry steps of a waiting connection.</summary>
    public static readonly TimeSpan MinimumLockPause = TimeSpan.FromMilliseconds(25);

    /// <summary>Backoff of the restarts after a failure.</summary>
    public static readonly RestartSettings Restarts = RestartSettings.Create(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2);

    /// <summary>How often <see cref="CatchUpAsync"/> asks again while the journal shows newer events than it got.</summary>
    private const int CatchUpAttempts = 50;

    /// <summary>Wall time between those attempts: it waits for the read journal's poll, not for anything in the site's time.</summary>
    private static readonly TimeSpan CatchUpRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly BillingReadModel _readModel;
    private readonly TimeProvider _time;
    private readonly int _batchSize;
    private readonly ILogger _logger;
    private readonly SiteMetrics? _metrics;
    private readonly Lock _lock = new();

    private UniqueKillSwitch? _killSwitch;
    private Task? _completion;
    private bool _running;
    private long _appliedOffset;
    private long _eventsBehind;
    private DateTimeOffset? _lastCommitAt;
    private DateTimeOffset _measuredAt;
    private string? _lastError;

    /// <param name="batchSize">Most events per read-model transaction (<see cref="BatchSize"/>).</param>
    /// <param name="metrics">Where the lag is reported for the <c>projections</c> health check and the meter, when there is one.</param>
    public BillingProjection(BillingReadModel readModel, TimeProvider time, ILogger<BillingProjection> logger, int batchSize = BatchSize, SiteMetrics? metrics = null)
    {
        _metrics = metrics;
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _batchSize = batchSize;
        _readModel = readModel ?? throw new ArgumentNullException(nameof(readModel));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _measuredAt = time.GetUtcNow();
    }

    /// <summary>The last known lag (from the last commit or <see cref="MeasureLagAsync"/>), without touching the database.</summary>
    public ProjectionLag Lag
    {
        get
        {
            lock (_lock)
            {
                return new ProjectionLag(_running, _appliedOffset, _eventsBehind, _lastCommitAt, _measuredAt, _lastError);
            }
        }
    }

    /// <summary>Counts the billing events the read model does not reflect yet, and returns the lag with that count.</summary>
    public async Task<ProjectionLag> MeasureLagAsync(CancellationToken cancellationToken)
    {
        long applied;
        lock (_lock)
        {
            applied = _appliedOffset;
        }

        var behind = await _readModel.EventsAfterAsync(applied, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            if (_appliedOffset == applied)
            {
                _eventsBehind = behind;
                _measuredAt = _time.GetUtcNow();
            }
        }

        return Lag;
    }

    /// <summary>
    /// Creates the read model's tables when missing and starts following the journal live. Stopped by
    /// <see cref="StopAsync"/>, which the actor system's coordinated shutdown also calls before the journal closes.
    /// </summary>
    public async Task StartAsync(ActorSystem system, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        await _readModel.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var offset = await _readModel.OffsetAsync(cancellationToken).ConfigureAwait(false);
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SitePersistenceConfig.ReadJournalPluginId);
        var (killSwitch, completion) = RestartSource
            .OnFailuresWithBackoff(() => Attempt(journal, live: true), Restarts)
            .ViaMaterialized(KillSwitches.Single<ProjectionChanges>(), Keep.Right)
            .ToMaterialized(Sink.Ignore<ProjectionChanges>(), Keep.Both)
            .Run(system.Materializer(namePrefix: "billing-projection"));
        lock (_lock)
        {
            _killSwitch = killSwitch;
            _completion = completion;
            _appliedOffset = offset;
            _running = true;
        }

        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "billing-projection-stop", async () =>
        {
            await StopAsync().ConfigureAwait(false);
            return Done.Instance;
        });
        LogStarted(_logger, _readModel.Database.Description, offset);
    }

    /// <summary>Stops following the journal; a batch being committed finishes first. Idempotent.</summary>
    public async Task StopAsync()
    {
        UniqueKillSwitch? killSwitch;
        Task? completion;
        lock (_lock)
        {
            killSwitch = _killSwitch;
            completion = _completion;
            _killSwitch = null;
        }

        if (killSwitch is null || completion is null)
        {
            return;
        }

        killSwitch.Shutdown();
        try
        {
            await completion.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogStopUnclean(_logger, e.Message);
        }

        lock (_lock)
        {
            _running = false;
        }

        LogStopped(_logger, Lag.AppliedOffset);
    }

    /// <summary>
    /// Applies what the journal holds now and returns (no live following): for the command line before an export,
    /// and for a rebuild. Returns the number of events applied.
    /// </summary>
    public async Task<long> CatchUpAsync(ActorSystem system, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        await _readModel.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        if (!await _readModel.JournalExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SitePersistenceConfig.ReadJournalPluginId);
        var materializer = system.Materializer(namePrefix: "billing-catch-up");
        var applied = 0L;

        // A current query ends at the newest offset the read journal knows of, which it learns by polling: a query
        // started just after the actor system may end early. Ask again until the tag table has nothing newer.
        for (var attempt = 0; attempt < CatchUpAttempts; attempt++)
        {
            try
            {
                await Attempt(journal, live: false)
                    .RunForeach(changes => applied += changes.Events, materializer)
                    .WaitAsync(cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e.GetBaseException() is ProjectionConflictException)
            {
                // Another process (normally the running controller) moved the offset first: what it committed is as
                // good as ours, so start again from there.
            }

            var offset = await _readModel.OffsetAsync(cancellationToken).ConfigureAwait(false);
            if (await _readModel.EventsAfterAsync(offset, cancellationToken).ConfigureAwait(false) == 0)
            {
                break;
            }

            await Task.Delay(CatchUpRetryDelay, cancellationToken).ConfigureAwait(false);
        }

        return applied;
    }

    /// <summary>One run of the stream: loads the stored offset and folds, then applies batch after batch.</summary>
    private Source<ProjectionChanges, NotUsed> Attempt(SqlReadJournal journal, bool live) =>
        Source.FromTask(_readModel.LoadAsync(CancellationToken.None))
            .ConcatMany(start =>
            {
                var projector = new BillingProjector(start);
                var events = live
                    ? journal.EventsByTag(EvseTags.Billing, Offset.Sequence(start.Offset))
                    : journal.CurrentEventsByTag(EvseTags.Billing, Offset.Sequence(start.Offset));
                return events
                    .GroupedWithin(_batchSize, BatchWindow)
                    .SelectAsync(1, async batch =>
                    {
                        var changes = projector.Prepare(batch);
                        if (changes.Events > 0)
                        {
                            var started = _time.GetTimestamp();
                            await _readModel.CommitAsync(projector.Offset, changes, CancellationToken.None).ConfigureAwait(false);
                            projector.Committed(changes);
                            OnCommitted(changes);

                            ReportLag(batch.Max(envelope => envelope.Timestamp));
                            await YieldWriteLockAsync(_time.GetElapsedTime(started)).ConfigureAwait(false);
                        }

                        return changes;
                    });
            })
            .WatchTermination((notUsed, termination) =>
            {
                termination.ContinueWith(t => OnFailed(t.Exception!.GetBaseException()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                return notUsed;
            });

    /// <summary>
    /// SQLite has one write lock and no queue for it: a connection that finds it taken sleeps and tries again, so a
    /// projection committing batch after batch (a catch-up, a rebuild) could keep it for seconds and starve the EVSE
    /// actors' journal writes and the read journal's own queries until their busy timeout fails them. After each
    /// commit it leaves the lock free for as long as the commit held it (at least <see cref="MinimumLockPause"/>),
    /// which halves a catch-up's speed at worst and costs nothing when events trickle in. PostgreSQL locks rows: no pause.
    /// </summary>
    private Task YieldWriteLockAsync(TimeSpan commitTime) =>
        _readModel.Database.IsPostgresql ? Task.CompletedTask : Task.Delay(commitTime > MinimumLockPause ? commitTime : MinimumLockPause, CancellationToken.None);

    /// <summary>
    /// Reports how old the newest applied event is: large during a catch-up, near zero when following live. Akka.NET
    /// stamps a persisted event with <see cref="DateTime.UtcNow"/>'s ticks (not Unix milliseconds); a stamp outside
    /// that range (none written by this journal) is not reported rather than guessed at. The age is read on the same
    /// wall clock, not on the site's <see cref="TimeProvider"/>: the demo's runs 60 times faster, and against it a
    /// projection that keeps up would look a minute further behind every wall second.
    /// </summary>
    private void ReportLag(long newestTimestampTicks)
    {
        if (_metrics is null || newestTimestampTicks <= 0 || newestTimestampTicks > DateTime.MaxValue.Ticks)
        {
            return;
        }

        _metrics.ReportProjectionLag("billing", TimeProvider.System.GetUtcNow() - new DateTimeOffset(newestTimestampTicks, TimeSpan.Zero));
    }

    private void OnCommitted(ProjectionChanges changes)
    {
        lock (_lock)
        {
            _appliedOffset = changes.Offset;
            _eventsBehind = 0;
            _lastCommitAt = _time.GetUtcNow();
            _measuredAt = _lastCommitAt.Value;
            _lastError = null;
        }
    }

    private void OnFailed(Exception error)
    {
        lock (_lock)
        {
            _lastError = error.Message;
        }

        LogFailed(_logger, error, error.Message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Billing projection started on {Database} at journal offset {Offset}")]
    private static partial void LogStarted(ILogger logger, string database, long offset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Billing projection stopped at journal offset {Offset}")]
    private static partial void LogStopped(ILogger logger, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Billing projection did not stop cleanly: {Reason}")]
    private static partial void LogStopUnclean(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Billing projection failed ({Reason}); it restarts from the stored offset after a backoff")]
    private static partial void LogFailed(ILogger logger, Exception error, string reason);
}
