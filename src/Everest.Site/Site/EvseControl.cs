using Everest.Site.Domain.Allocation;
using Everest.Site.Evse;

namespace Everest.Site.Site;

/// <summary>
/// What the site actor knows and has commanded about one EVSE between allocation runs. Owned by the actor and
/// touched only from its message handlers.
/// </summary>
internal sealed class EvseControl(SiteEvse wiring)
{
    public SiteEvse Wiring { get; } = wiring;

    /// <summary>The latest status the EVSE actor published; null until the first.</summary>
    public EvseStatus? Status { get; set; }

    /// <summary>Connector types from the EVSE's get_evse answer, for reservations by connector type.</summary>
    public IReadOnlyList<string> ConnectorTypes { get; set; } = [];

    /// <summary>The highest phase current last seen from it (A), for counting it while it is offline.</summary>
    public double? LastDrawA { get; set; }

    /// <summary>Phases the car of the running session was seen drawing on; null until it draws.</summary>
    public int? CarPhases { get; set; }

    /// <summary>The current limit EVerest accepted last (A per phase); null when unknown (never sent, or a command failed).</summary>
    public double? AppliedA { get; set; }

    /// <summary>The limit last recorded in the journal, for the audit threshold.</summary>
    public double? AuditedA { get; set; }

    /// <summary>Paused (pause_charging) or held below the car's minimum by the site.</summary>
    public bool PausedBySite { get; set; }

    /// <summary>A pause was asked for and not (yet) confirmed by a state other than Charging: the car may still draw.</summary>
    public bool PauseRequested { get; set; }

    /// <summary>When the limit schedule must be sent again, before its fallback entry falls due.</summary>
    public DateTimeOffset? RenewAt { get; set; }

    /// <summary>The command sent and not yet answered.</summary>
    public SentCommand? InFlight { get; set; }

    /// <summary>An accepted lowering whose effect the meter has not shown yet.</summary>
    public AwaitedDrop? AwaitingDrop { get; set; }

    /// <summary>A command failed or a lowering did not show in time: the EVSE is counted at its worst case until a command succeeds.</summary>
    public bool WorstCase { get; set; }

    /// <summary>The worst case it is counted at (A per phase) while <see cref="WorstCase"/>.</summary>
    public double WorstCaseA { get; set; }

    /// <summary>No command is sent again before this time after a failure.</summary>
    public DateTimeOffset RetryAt { get; set; }

    /// <summary>When its limit was last raised: the car needs a moment to follow, so its lower draw is not lent meanwhile.</summary>
    public DateTimeOffset? RaisedAt { get; set; }

    /// <summary>The priority set for the session in progress; null: the configured one. Ends when the car leaves.</summary>
    public int? SessionPriority { get; set; }

    /// <summary>The start of the session <see cref="SessionPriority"/> was set for (after a restart, another car's session drops it).</summary>
    public DateTimeOffset? PrioritySessionStartedAt { get; set; }

    /// <summary>The departure and energy need an operator set for the session in progress; null: none. Ends when the car leaves.</summary>
    public OperatorGoal? OperatorGoal { get; set; }

    /// <summary>The last decision of the allocator.</summary>
    public EvseAllocation? Decision { get; set; }

    /// <summary>Whether a lowering of this EVSE is still unconfirmed, so that nobody may be raised yet.</summary>
    public bool HoldsRaises => !WorstCase && (AwaitingDrop is not null || InFlight is { Lowering: true });

    public double MeasuredMaxA => Status?.MeasuredCurrent?.Max ?? 0;
}

/// <summary>A control command on its way to an EVSE.</summary>
/// <param name="TargetA">The current per phase it sets (0 for a pause or a hold).</param>
/// <param name="Lowering">Whether it lowers what the EVSE may draw (sent at once) rather than raising it (sent after lowerings are confirmed).</param>
internal sealed record SentCommand(string Operation, double TargetA, bool Lowering, DateTimeOffset SentAt, string Reason);

/// <summary>An accepted lowering to <paramref name="TargetA"/>, awaited in the meter until <paramref name="Deadline"/>.</summary>
internal sealed record AwaitedDrop(double TargetA, double PreviousA, DateTimeOffset Deadline);
