using Everest.Site.Actors.Persistence;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Actors;

/// <summary>
/// Settings of an <see cref="ActorSystem"/>. Every property may stay null, which keeps the default
/// written in its description; only what a caller sets differs from the defaults.
/// </summary>
public sealed record ActorSystemOptions
{
    /// <summary>The system's name, the root of every path. Default <c>everest</c>.</summary>
    public string? Name { get; init; }

    /// <summary>The only clock actors, timers, asks and persistence use. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Where the kernel and <c>Context.Log</c> write. Default: no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The event journal of persistent actors. Default: a new <see cref="InMemoryJournal"/>.</summary>
    public IJournal? Journal { get; init; }

    /// <summary>The snapshot store of persistent actors. Default: a new <see cref="InMemorySnapshotStore"/>.</summary>
    public ISnapshotStore? SnapshotStore { get; init; }

    /// <summary>Serializes events and snapshots. Default: an empty <see cref="JsonEventSerializer"/> (register your types).</summary>
    public IEventSerializer? Serializer { get; init; }

    /// <summary>
    /// User messages an actor processes in one run before it yields the thread to other actors (fairness
    /// against throughput). Default 30.
    /// </summary>
    public int? Throughput { get; init; }

    /// <summary>Default stash capacity per actor (see <see cref="Props.WithStashCapacity"/>). Default 10,000.</summary>
    public int? StashCapacity { get; init; }

    /// <summary>Events a persistent actor's recovery reads from the journal per batch. Default 500.</summary>
    public int? RecoveryBatchSize { get; init; }

    /// <summary>How many dead letters are logged one by one before logging switches to periodic summaries. Default 10.</summary>
    public int? DeadLetterLogBurst { get; init; }

    /// <summary>The period of dead-letter summary log lines after the burst. Default 10 s.</summary>
    public TimeSpan? DeadLetterLogInterval { get; init; }
}
