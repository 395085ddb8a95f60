using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Everest.Site.Billing.Projection;
using Everest.Site.Configuration;
using Everest.Site.Diagnostics;
using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Evse.History;
using Everest.Site.Persistence;
using Everest.Site.Tests.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Everest.Site.Tests.Billing.Projection;

/// <summary>
/// The billing projection on each SQL database: it follows the journal's billing tag into <c>charging_session</c>,
/// commits rows and offset together (a batch that fails half-way leaves nothing), resumes from its offset, rebuilds to
/// the same rows, and rejects a second writer. Each test gets an empty database of its own.
/// </summary>
public abstract class BillingProjectionContract : IAsyncLifetime
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly Config Quiet = ConfigurationFactory.ParseString("akka.loglevel = WARNING");

    private readonly List<TestKit> _systems = [];
    private readonly Dictionary<string, List<(long SequenceNr, IEvseHistoryEvent Event)>> _written = new(StringComparer.Ordinal);

    protected abstract PersistenceOptions Options { get; }

    public abstract Task InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var system in _systems)
        {
            system.Shutdown(verifySystemShutdown: true);
        }

        await DisposeDatabaseAsync();
    }

    protected abstract Task DisposeDatabaseAsync();

    /// <summary>Makes every write of a <c>charging_session</c> row of <paramref name="sessionUuid"/> fail inside its transaction.</summary>
    protected abstract Task ArmCrashAsync(string sessionUuid);

    protected abstract Task DisarmCrashAsync();

    [Fact]
    public async Task Catching_up_projects_every_transaction_once_and_stores_the_offset_of_the_last_billing_event()
    {
        var kit = StartSystem();
        Record(kit, "evse-cp-1-1", EvseHistorySamples.Session(1));
        Record(kit, "evse-cp-2-1", EvseHistorySamples.Session(2));
        Record(kit, "evse-cp-1-1", EvseHistorySamples.Session(3));
        var (projection, readModel) = Projection();

        var applied = await projection.CatchUpAsync(kit.Sys, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(BillingEventCount(), applied);
        Assert.Equal(Expected(), await RowsAsync(readModel));
        Assert.Equal(await MaxBillingOrderingAsync(readModel), await readModel.OffsetAsync(CancellationToken.None));
        Assert.Equal(["cp-1-1", "cp-1-1", "cp-2-1"], (await RowsAsync(readModel)).Select(r => r.EvseId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_batch_that_fails_after_writing_rows_leaves_nothing_behind_and_the_next_run_applies_every_event_once()
    {
        var kit = StartSystem();
        Record(kit, "evse-cp-1-1", EvseHistorySamples.Session(1));
        Record(kit, "evse-cp-1-1", EvseHistorySamples.Session(2));
        Record(kit, "evse-cp-1-1", EvseHistorySamples.Session(3));
        var (projection, readModel) = Projection(batchSize: 3);
        await readModel.EnsureSchemaAsync(CancellationToken.None);

        // Session 2's rows fail in the middle of a batch: after the offset was moved and earlier rows were written.
        await ArmCrashAsync("session-2");
        await Assert.ThrowsAnyAsync<Exception>(() => projection.CatchUpAsync(kit.Sys, CancellationToken.None).WaitAsync(Patience));
        var stoppedAt = await readModel.OffsetAsync(CancellationToken.None);
        var partial = await RowsAsync(readModel);

        Assert.InRange(stoppedAt, 1, await MaxBillingOrderingAsync(readModel) - 1);
        Assert.Equal(["session-1"], partial.Select(r => r.SessionUuid).Distinct());
        Assert.Equal(stoppedAt, await readModel.OffsetAsync(CancellationToken.None));

        await DisarmCrashAsync();
        var (restarted, _) = Projection(batchSize: 3);
        await restarted.CatchUpAsync(kit.Sys, CancellationToken.None).WaitAsync(Patience);

        // Folded exactly once: a replayed event would add a meter point, a phase or a site pause.
        Assert.Equal(Expected(), await RowsAsync(readModel));
    }

    [Fact]
    public async Task A_run_resumes_from_the_stored_offset_and_a_running_transaction_is_a_live_row_until_it_finishes()
    {
        var kit = StartSystem();
        var session = EvseHistorySamples.Session(4);
        Record(kit, "evse-cp-1-1", EvseHistorySamples.Session(1));
        Record(kit, "evse-cp-1-1", session.Take(6).ToList());
        var (projection, readModel) = Projection();
        await projection.CatchUpAsync(kit.Sys, CancellationToken.None).WaitAsync(Patience);

        var live = Assert.Single(await readModel.LiveSessionsAsync(CancellationToken.None));
        Assert.Equal("session-4", live.Session.SessionUuid);
        Assert.Null(live.Session.StoppedAt);

        var before = BillingEventCount();
        Record(kit, "evse-cp-1-1", session.Skip(6).ToList());
        var applied = await Projection().Projection.CatchUpAsync(kit.Sys, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(BillingEventCount() - before, applied);
        Assert.Empty(await readModel.LiveSessionsAsync(CancellationToken.None));
        Assert.Equal(Expected(), await RowsAsync(readModel));
    }

    [Fact]
    public async Task Dropping_and_rebuilding_the_read_model_from_the_journal_gives_the_same_rows()
    {
        var kit = StartSystem();
        Record(kit, "evse-cp-1-1", EvseHistorySamples.Session(1));
        Record(kit, "evse-cp-2-1", EvseHistorySamples.Session(2));
        Record(kit, "evse-cp-2-1", EvseHistorySamples.Session(3).Take(7).ToList());
        var (projection, readModel) = Projection(batchSize: 4);
        await projection.CatchUpAsync(kit.Sys, CancellationToken.None).WaitAsync(Patience);
        var before = await RowsAsync(readModel);
        var offset = await readModel.OffsetAsync(CancellationToken.None);

        await readModel.DropAsync(CancellationToken.None);
        Assert.Empty(await RowsAsync(readModel, ensureSchema: true));
        await Projection().Projection.CatchUpAsync(kit.Sys, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(before, await RowsAsync(readModel));
        Assert.Equal(offset, await readModel.OffsetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_second_writer_from_an_old_offset_is_rejected_and_writes_nothing()
    {
        var kit = StartSystem();
        Record(kit, "evse-cp-1-1", EvseHistorySamples.Session(1));
        var (projection, readModel) = Projection();
        await readModel.EnsureSchemaAsync(CancellationToken.None);
        var stale = await readModel.LoadAsync(CancellationToken.None);
        await projection.CatchUpAsync(kit.Sys, CancellationToken.None).WaitAsync(Patience);
        var rows = await RowsAsync(readModel);
        var late = new BillingProjector(stale);
        var changes = late.Prepare([]) with { Offset = 999_999, Sessions = [] };

        await Assert.ThrowsAsync<ProjectionConflictException>(() => readModel.CommitAsync(stale.Offset, changes, CancellationToken.None));

        Assert.Equal(rows, await RowsAsync(readModel));
        Assert.NotEqual(999_999, await readModel.OffsetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_live_projection_follows_new_events_reports_its_lag_and_stops_with_the_actor_system()
    {
        var kit = StartSystem();
        var (projection, readModel) = Projection();
        var health = new BillingProjectionHealthCheck(projection);
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);

        await projection.StartAsync(kit.Sys, CancellationToken.None).WaitAsync(Patience);
        Record(kit, "evse-cp-1-1", EvseHistorySamples.Session(1));
        Record(kit, "evse-cp-2-1", EvseHistorySamples.Session(2));
        await AwaitAsync(async () => (await RowsAsync(readModel)).Count == 2 && projection.Lag.AppliedOffset == await MaxBillingOrderingAsync(readModel));

        Assert.Equal(Expected(), await RowsAsync(readModel));
        var lag = await projection.MeasureLagAsync(CancellationToken.None);
        Assert.True(lag.Running);
        Assert.Equal(0, lag.EventsBehind);
        Assert.NotNull(lag.LastCommitAt);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);

        await CoordinatedShutdown.Get(kit.Sys).Run(CoordinatedShutdown.ClrExitReason.Instance).WaitAsync(Patience);

        Assert.False(projection.Lag.Running);
    }

    [Fact]
    public async Task The_lag_is_the_age_of_the_newest_event_on_the_wall_clock_the_journal_stamps_it_with_even_when_the_site_clock_runs_ahead()
    {
        // The demo's site clock runs 60 times faster than the wall: a day ahead stands for an hour of demo.
        var kit = StartSystem();
        Record(kit, "evse-cp-1-1", EvseHistorySamples.Session(1));
        using var metrics = new SiteMetrics();
        var siteClock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(1));
        var projection = new BillingProjection(
            new BillingReadModel(new BillingDatabase(Options)), siteClock, NullLogger<BillingProjection>.Instance, BillingProjection.BatchSize, metrics);

        await projection.CatchUpAsync(kit.Sys, CancellationToken.None).WaitAsync(Patience);

        var lag = Assert.Contains("billing", metrics.ProjectionLag);
        Assert.InRange(lag, TimeSpan.Zero, Patience);
        var options = new EverestSiteOptions { Observability = { ProjectionLagDegraded = TimeSpan.FromSeconds(60) } };
        Assert.Equal(HealthStatus.Healthy, (await new ProjectionLagHealthCheck(metrics, options).CheckHealthAsync(new HealthCheckContext())).Status);
    }

    protected static async Task<IReadOnlyList<ProjectedRow>> RowsAsync(BillingReadModel readModel, bool ensureSchema = false)
    {
        if (ensureSchema)
        {
            await readModel.EnsureSchemaAsync(CancellationToken.None);
        }

        await using var connection = await readModel.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, evse_id, session_uuid, status, session FROM charging_session ORDER BY persistence_id, first_sequence_nr";
        var rows = new List<ProjectedRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new ProjectedRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return rows;
    }

    private static async Task<long> MaxBillingOrderingAsync(BillingReadModel readModel)
    {
        await using var connection = await readModel.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT MAX(ordering_id) FROM tags WHERE tag = '{EvseTags.Billing}'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task AwaitAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>What the read model must hold: every EVSE's written history folded once, in persistence-id order.</summary>
    private IReadOnlyList<ProjectedRow> Expected() =>
    [
        .. _written.OrderBy(w => w.Key, StringComparer.Ordinal).SelectMany(w =>
        {
            var billing = w.Value.Where(e => EvseTags.For(e.Event).Contains(EvseTags.Billing));
            var history = BillingHistoryFold.Replay(billing);
            var sessions = history.Live is { } live ? history.Finished.Add(live) : history.Finished;
            return sessions.OrderBy(s => s.FirstSequenceNr).Select(s => new ProjectedRow(
                w.Key,
                BillingProjector.EvseIdOf(w.Key),
                s.SessionUuid,
                s.IsFinished ? "finished" : "live",
                JsonSerializer.Serialize(s, BillingReadModelJson.Default.ChargingSession)));
        }),
    ];

    private int BillingEventCount() => _written.Values.Sum(events => events.Count(e => EvseTags.For(e.Event).Contains(EvseTags.Billing)));

    private (BillingProjection Projection, BillingReadModel ReadModel) Projection(int batchSize = BillingProjection.BatchSize)
    {
        var readModel = new BillingReadModel(new BillingDatabase(Options));
        return (new BillingProjection(readModel, TimeProvider.System, NullLogger<BillingProjection>.Instance, batchSize), readModel);
    }

    private TestKit StartSystem()
    {
        var kit = new TestKit(SitePersistenceConfig.ActorSystemSetup(Options, Quiet), $"billing-{_systems.Count}");
        _systems.Add(kit);
        return kit;
    }

    private void Record(TestKit kit, string persistenceId, IReadOnlyList<IEvseHistoryEvent> events)
    {
        if (!_written.TryGetValue(persistenceId, out var written))
        {
            _written[persistenceId] = written = [];
        }

        var recorder = kit.Sys.ActorOf(HistoryRecorder.Props(persistenceId));
        recorder.Tell(new HistoryRecorder.Record(events), kit.TestActor);
        var last = kit.ExpectMsg<HistoryRecorder.Recorded>(Patience).LastSequenceNr;
        kit.Sys.Stop(recorder);
        for (var i = 0; i < events.Count; i++)
        {
            written.Add((last - events.Count + 1 + i, events[i]));
        }
    }

    /// <summary>A <c>charging_session</c> row as text, so rows compare by value.</summary>
    protected sealed record ProjectedRow(string PersistenceId, string EvseId, string SessionUuid, string Status, string Session);
}
