namespace Everest.Site.Benchmarks.Fleet;

/// <summary>What was laid down in the journal for the fleet recovery benchmark.</summary>
/// <param name="Events">Journal rows of every EVSE together.</param>
/// <param name="Snapshots">Snapshot rows (one every <see cref="Persistence.EvseShapedActor.SnapshotEvery"/> events of an EVSE).</param>
/// <param name="TailEvents">Events after each EVSE's latest snapshot: what recovery must replay.</param>
internal sealed record FleetHistoryFacts(int Evses, int Days, long Events, long Snapshots, long TailEvents, TimeSpan GenerationTime, long DatabaseBytes);
