using Everest.Site.Domain;

namespace Everest.Site.Site.Events;

/// <summary>
/// An operator told the site when the car of the session that started at <paramref name="SessionStartedAt"/> on
/// <paramref name="EvseId"/> leaves and how much energy it still needs (each null: what the car itself says, if
/// anything). <paramref name="ImportedWhAtSet"/> is the EVSE meter's import register at that moment, so that what
/// the car has taken since counts against the need, also after a restart.
/// </summary>
public sealed record SessionGoalChanged(
    string EvseId,
    DateTimeOffset At,
    DateTimeOffset? SessionStartedAt,
    DateTimeOffset? DepartureAt,
    double? EnergyNeededWh,
    double? ImportedWhAtSet) : ISiteEvent, IVersionedEvent
{
    public static string Manifest => "site.session-goal-changed.v1";
}
