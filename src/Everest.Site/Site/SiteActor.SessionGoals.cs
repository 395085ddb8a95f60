using System.Globalization;
using Akka.Actor;
using Akka.Event;
using Everest.Site.Site.Events;

namespace Everest.Site.Site;

/// <summary>The departure and energy need an operator sets for a car, for when the car does not say them itself.</summary>
public sealed partial class SiteActor
{
    /// <summary>More than any car's battery (Wh): a need above it is a typing error, not a goal.</summary>
    internal const double MaxEnergyNeededWh = 1_000_000;

    private void OnSetSessionGoal(SetSessionGoal request)
    {
        if (request.EvseId is null || !_evses.TryGetValue(request.EvseId, out var evse))
        {
            Sender.Tell(new SessionGoalRefused(request.EvseId ?? "", $"no EVSE '{request.EvseId}' is configured"));
            return;
        }

        if (evse.Status is not { } status || (!status.TransactionOpen && status.SessionStartedAt is null))
        {
            Sender.Tell(new SessionGoalRefused(request.EvseId, "no car is at this EVSE: a departure and energy need last from a car's arrival until it leaves"));
            return;
        }

        var now = Now;
        if (request.DepartureAt is { } departure && departure <= now)
        {
            Sender.Tell(new SessionGoalRefused(request.EvseId, $"the departure {departure:O} is not in the future"));
            return;
        }

        if (request.EnergyNeededWh is { } needed && (!double.IsFinite(needed) || needed < 0 || needed > MaxEnergyNeededWh))
        {
            Sender.Tell(new SessionGoalRefused(request.EvseId, $"the energy need {needed.ToString(CultureInfo.InvariantCulture)} Wh is not between 0 and {MaxEnergyNeededWh.ToString(CultureInfo.InvariantCulture)}"));
            return;
        }

        // Persisted before the answer, like a session priority: a restart while this car is there keeps its goal, and
        // the meter reading kept with it counts what the car took meanwhile.
        var sender = Sender;
        Persist(new SessionGoalChanged(request.EvseId, now, status.SessionStartedAt, request.DepartureAt, request.EnergyNeededWh, status.ImportedWh), changed =>
        {
            Apply(changed);
            _log.Info(
                "EVSE {EvseId}: operator's departure {DepartureAt}, energy need {EnergyNeededWh} Wh",
                changed.EvseId,
                changed.DepartureAt?.ToString("O", CultureInfo.InvariantCulture) ?? "the car's",
                changed.EnergyNeededWh?.ToString(CultureInfo.InvariantCulture) ?? "the car's");
            sender.Tell(new SessionGoalSet(changed.EvseId, changed.DepartureAt, changed.EnergyNeededWh));
            Allocate(Now);
        });
    }
}
