using Akka.Actor;
using BenchmarkDotNet.Attributes;
using Everest.Site.Benchmarks.Actors;

namespace Everest.Site.Benchmarks.Persistence;

/// <summary>
/// Events per second (Op/s) written by 1,000 persistent EVSE-shaped actors (<see cref="EvseShapedActor"/>: Domain
/// history events, tagged, snapshots every 500) through Akka.Persistence.Sql, <see cref="EventsPerActor"/> events each
/// per invocation, three ways: <c>Persist</c> (one event per command, the next command waits for the write),
/// <c>PersistAsync</c> (one event per command, commands keep flowing) and <c>PersistAll</c> (commands of
/// <see cref="EvseShapedActor.BatchSize"/> events). Baseline, same run and database: the same number of rows of the
/// same events, serialized by the same serializer, inserted straight into the plugin's own tables by one connection
/// in transactions of <see cref="RawBatchSize"/> events (<see cref="RawJournalWriter"/>).
/// </summary>
[Config(typeof(PersistenceBenchmarkConfig))]
public class JournalWriteBenchmarks
{
    public const int ActorCount = 1_000;

    public const int EventsPerActor = 10;

    public const int Events = ActorCount * EventsPerActor;

    /// <summary>Events per baseline transaction: one per actor, what an ideal group commit gathers from 1,000 writers.</summary>
    public const int RawBatchSize = ActorCount;

    private BenchmarkDatabase? _database;
    private ActorSystem? _system;
    private IActorRef[] _actors = [];
    private RawJournalWriter? _raw;
    private EvseHistoryScript[] _rawScripts = [];
    private long _lastRawSequenceNr;

    [Params(JournalTarget.SqliteFull, JournalTarget.PostgreSql)]
    public JournalTarget Target { get; set; }

    // BenchmarkDotNet's in-process toolchain does not await asynchronous setup, so setup blocks (outside any measurement).
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "raw batched INSERT into the plugin's tables")]
    public async Task RawBatchedInsert()
    {
        var firstSequenceNr = _lastRawSequenceNr + 1;
        for (var done = 0; done < Events; done += RawBatchSize)
        {
            var rows = new List<JournalRow>(RawBatchSize);
            for (var i = 0; i < RawBatchSize; i++)
            {
                var script = _rawScripts[(done + i) % ActorCount];
                rows.Add(Row(script, firstSequenceNr + ((done + i) / ActorCount)));
            }

            await _raw!.InsertAsync(rows);
        }

        _lastRawSequenceNr += EventsPerActor;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "1,000 actors, Persist")]
    public Task Persist() => Drive(EventsPerActor, EventsPerActor, RecordNext.WithPersist);

    [Benchmark(OperationsPerInvoke = Events, Description = "1,000 actors, PersistAsync")]
    public Task PersistAsync() => Drive(EventsPerActor, EventsPerActor, RecordNext.WithPersistAsync);

    [Benchmark(OperationsPerInvoke = Events, Description = "1,000 actors, PersistAll of 10")]
    public Task PersistAll() => Drive(EventsPerActor, EventsPerActor / EvseShapedActor.BatchSize, RecordNextBatch.Instance);

    private static JournalRow Row(EvseHistoryScript script, long sequenceNr)
    {
        var historyEvent = script.Next();
        return new JournalRow(
            $"raw-{EvseShapedActor.PersistenceIdOf(script.Evse)}",
            sequenceNr,
            HistorySerialization.Serialize(historyEvent),
            HistorySerialization.ManifestOf(historyEvent),
            EvseShapedActor.TagsOf(historyEvent));
    }

    private Task Drive(int eventsPerActor, int commandsPerActor, object command)
    {
        var completion = new WriteCompletion(ActorCount);
        foreach (var actor in _actors)
        {
            actor.Tell(new ExpectEvents(eventsPerActor, completion));
            for (var i = 0; i < commandsPerActor; i++)
            {
                actor.Tell(command);
            }
        }

        return completion.Task;
    }

    private async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.CreateAsync(Target);
        _system = _database.CreateSystem("write");
        _actors = [.. Enumerable.Range(1, ActorCount).Select(i => _system.ActorOf(EvseShapedActor.Props(i), EvseShapedActor.PersistenceIdOf(i)))];
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _rawScripts = [.. Enumerable.Range(1, ActorCount).Select(i => new EvseHistoryScript(i, start))];

        // The plugin creates its tables on first use: one write makes sure they exist before the baseline inserts into them.
        await Drive(1, 1, RecordNext.WithPersist);
        _raw = await RawJournalWriter.OpenAsync(_database);
    }

    private async Task CleanupAsync()
    {
        if (_system is not null)
        {
            await _system.Terminate();
        }

        if (_raw is not null)
        {
            await _raw.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
