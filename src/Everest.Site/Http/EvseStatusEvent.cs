using Everest.Site.Evse;

namespace Everest.Site.Http;

/// <summary>The data of an <c>evse</c> server-sent event: what changed about an EVSE that the site allocates with.</summary>
/// <param name="State">EVerest's EVSE state verbatim.</param>
/// <param name="ChargingPhase">NotYetCharging, Charging or Paused while a transaction is open.</param>
/// <param name="ReservationId">The reservation holding the EVSE, if any.</param>
public sealed record EvseStatusEvent(
    string EvseId,
    bool Online,
    bool? Enabled,
    string? State,
    bool TransactionOpen,
    string? ChargingPhase,
    PhaseCurrentsView? MeasuredCurrentA,
    int? ReservationId)
{
    public static EvseStatusEvent From(EvseStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new EvseStatusEvent(
            status.EvseId,
            status.Online,
            status.Enabled,
            status.State,
            status.TransactionOpen,
            status.ChargingPhase?.ToString(),
            PhaseCurrentsView.From(status.MeasuredCurrent),
            status.Reservation?.ReservationId);
    }
}
