namespace Everest.Site.Simulator.GroundTruth;

/// <summary>
/// What really happened in one session at one EVSE. Energy is exact: the meter is an integer register in
/// mWh, and <see cref="EnergyWh"/> is its stop reading minus its start reading.
/// </summary>
public sealed record SessionTruth
{
    public required string SessionUuid { get; init; }

    public required string EvseModuleId { get; init; }

    public required string EvseId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public string? IdTag { get; init; }

    public int? ReservationId { get; init; }

    public string? CsmsTransactionId { get; init; }

    public DateTimeOffset? TransactionStartedAt { get; init; }

    public DateTimeOffset? TransactionFinishedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public long? MeterStartMilliWh { get; init; }

    public long? MeterStopMilliWh { get; init; }

    public string? StopReason { get; init; }

    public int PausesByEvse { get; init; }

    public int PausesByVehicle { get; init; }

    /// <summary>Energy of the transaction in Wh (stop minus start), or null while it runs or when none started.</summary>
    public double? EnergyWh => MeterStartMilliWh is { } start && MeterStopMilliWh is { } stop ? (stop - start) / 1000.0 : null;
}
