using Everest.Site.Domain.Evse;
using Everest.Site.Evse;
using Everest.Site.Site;

namespace Everest.Site.Http;

/// <summary>One EVSE as <c>GET /api/evses</c> shows it: what it reports, its session and what the site allocated to it.</summary>
/// <param name="Id">Our EVSE id (<c>everest-site.chargers[].evses[].id</c>).</param>
/// <param name="EverestEvseId">The EVSE id EVerest reports (e.g. <c>DEPNXE123456*1</c>), once it has.</param>
/// <param name="State">EVerest's EVSE state verbatim (e.g. <c>Charging</c>, <c>ChargingPausedEVSE</c>).</param>
/// <param name="MeasuredCurrentA">Current per phase from the latest meter reading (A).</param>
/// <param name="PowerW">Power from the latest meter reading or session_info (W).</param>
public sealed record EvseView(
    string Id,
    string? EverestEvseId,
    bool Online,
    bool? Enabled,
    string? State,
    double? PowerW,
    PhaseCurrentsView? MeasuredCurrentA,
    double? MinCurrentA,
    double? MaxCurrentA,
    int? Phases,
    EvseSessionView? Session,
    EvseReservationView? Reservation,
    EvseAllocationView? Allocation)
{
    /// <summary>The view of <paramref name="snapshot"/>, with the site's decision for it when the site answered.</summary>
    public static EvseView From(EvseSnapshot snapshot, SiteEvseStatus? allocation)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var live = snapshot.Live;
        var status = snapshot.Status;
        var history = snapshot.History;
        EvseSessionView? session = history.Session is { } open
            ? new EvseSessionView(
                open.Uuid,
                open.StartedAt,
                history.Transaction?.SessionUuid == open.Uuid,
                history.Transaction?.Phase.ToString(),
                history.Transaction?.PausedBy?.ToString(),
                live.SessionInfo?.ChargedEnergyWh,
                open.ReservationId)
            : null;
        var reservation = history.Reservation ?? status.Reservation;
        return new EvseView(
            snapshot.EvseId,
            live.EvseId,
            live.Online,
            status.Enabled ?? history.Enabled,
            live.SessionInfo?.State.ToString() ?? status.State,
            live.Powermeter?.PowerW?.Total ?? live.SessionInfo?.LatestTotalW,
            PhaseCurrentsView.From(status.MeasuredCurrent),
            status.MinCurrentA,
            status.HardwareMaxCurrentA ?? status.MaxCurrentA,
            status.PhasesInUse,
            session,
            reservation is null ? null : new EvseReservationView(reservation.ReservationId, reservation.Since, reservation.ExpiresAt),
            allocation is null ? null : EvseAllocationView.From(allocation));
    }
}

/// <summary>A current per phase, in A.</summary>
public sealed record PhaseCurrentsView(double L1, double L2, double L3)
{
    public static PhaseCurrentsView? From(PhaseCurrents? currents) =>
        currents is null ? null : new PhaseCurrentsView(currents.L1, currents.L2, currents.L3);
}

/// <summary>The session in progress on an EVSE.</summary>
/// <param name="Uuid">EVerest's session uuid.</param>
/// <param name="TransactionOpen">True once the transaction started (the driver was authorized and charging may begin).</param>
/// <param name="ChargingPhase">NotYetCharging, Charging or Paused, while a transaction is open.</param>
/// <param name="PausedBy">Who paused it (e.g. <c>Site</c>, <c>Ev</c>), while paused.</param>
/// <param name="EnergyWh">Energy charged in the session so far (session_info), in Wh.</param>
public sealed record EvseSessionView(
    string Uuid,
    DateTimeOffset StartedAt,
    bool TransactionOpen,
    string? ChargingPhase,
    string? PausedBy,
    long? EnergyWh,
    int? ReservationId);

/// <summary>The reservation holding an EVSE, as the EVSE reports it.</summary>
public sealed record EvseReservationView(int Id, DateTimeOffset Since, DateTimeOffset? ExpiresAt);
