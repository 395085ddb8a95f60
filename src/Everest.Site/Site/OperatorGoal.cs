namespace Everest.Site.Site;

/// <summary>
/// What an operator said about the car at an EVSE (<see cref="SetSessionGoal"/>): when it leaves, and the energy it
/// needed when that was said, with the meter's import register at that moment.
/// </summary>
internal sealed record OperatorGoal(DateTimeOffset? SessionStartedAt, DateTimeOffset? DepartureAt, double? EnergyNeededWh, double? ImportedWhAtSet)
{
    /// <summary>
    /// The energy still needed (Wh) given the meter's import register now: the need less what was taken since it was
    /// said, never below 0. Without both readings the need is taken as said (a car short of a meter is not assumed full).
    /// </summary>
    public double? RemainingWh(double? importedWhNow)
    {
        if (EnergyNeededWh is not { } needed)
        {
            return null;
        }

        var taken = importedWhNow is { } now && ImportedWhAtSet is { } then && now > then ? now - then : 0;
        return Math.Max(0, needed - taken);
    }
}
