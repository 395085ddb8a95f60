using Everest.Site.Actors.Persistence;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Actors.TestKit;

/// <summary>Settings of an <see cref="ActorTestKit"/>; null keeps the default.</summary>
public sealed record ActorTestKitOptions
{
    /// <summary>
    /// Multiplies every default wait. Default: the environment variable <c>EVEREST_SITE_TEST_TIME_FACTOR</c>
    /// (a positive number, e.g. 3 on a slow CI machine), else 1.
    /// </summary>
    public double? TimeFactor { get; init; }

    /// <summary>The unscaled default wait of expectations. Default 3 s.</summary>
    public TimeSpan? DefaultTimeout { get; init; }

    /// <summary>Start of virtual time. Default 2026-01-01T00:00:00Z.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Replaces the in-memory journal (e.g. with a failing or stepping one).</summary>
    public IJournal? Journal { get; init; }

    public ISnapshotStore? SnapshotStore { get; init; }

    public IEventSerializer? Serializer { get; init; }

    /// <summary>Minimum level written to the test output. Default <see cref="LogLevel.Information"/>.</summary>
    public LogLevel? MinimumLogLevel { get; init; }

    /// <summary>Further system settings; the kit's own clock, logging and persistence plugins win over these.</summary>
    public ActorSystemOptions? System { get; init; }
}
