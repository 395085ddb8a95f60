namespace Everest.Site.Simulator.Arrivals;

/// <summary>
/// Cars arriving as a Poisson process (exponential gaps) at a site-wide rate, each with a plausible mix of
/// on-board chargers (1-phase 16/32 A, 3-phase 16/32 A), energy wishes spread evenly from 20 % to 180 % of the
/// mean (default mean 22.5 kWh) and dwell times (30 min to 8 h). Deterministic for a given seed.
/// </summary>
public sealed class PoissonArrivalPlan : IArrivalPlan
{
    private readonly Random _random;
    private readonly double _arrivalsPerHour;
    private readonly double _meanEnergyWh;
    private DateTimeOffset _nextArrival;

    public PoissonArrivalPlan(double arrivalsPerHour, DateTimeOffset start, int seed, double meanEnergyWh = 22_500)
    {
        if (meanEnergyWh is <= 0 or double.NaN or double.PositiveInfinity)
        {
            throw new ArgumentOutOfRangeException(nameof(meanEnergyWh), meanEnergyWh, "The mean energy must be a positive number of Wh.");
        }

        if (arrivalsPerHour is <= 0 or double.NaN or double.PositiveInfinity)
        {
            throw new ArgumentOutOfRangeException(nameof(arrivalsPerHour), arrivalsPerHour, "The arrival rate must be a positive number of cars per hour.");
        }

        _arrivalsPerHour = arrivalsPerHour;
        _meanEnergyWh = meanEnergyWh;
        _random = new Random(seed);
        _nextArrival = start + NextGap();
    }

    public IReadOnlyList<PlannedSession> TakeArrivals(DateTimeOffset until)
    {
        var due = new List<PlannedSession>();
        while (_nextArrival <= until)
        {
            due.Add(CreateSession(_nextArrival));
            _nextArrival += NextGap();
        }

        return due;
    }

    private TimeSpan NextGap() => TimeSpan.FromHours(-Math.Log(1 - _random.NextDouble()) / _arrivalsPerHour);

    private PlannedSession CreateSession(DateTimeOffset arrival)
    {
        var (maxCurrentA, phases) = _random.NextDouble() switch
        {
            < 0.15 => (16.0, 1),
            < 0.25 => (32.0, 1),
            < 0.70 => (16.0, 3),
            _ => (32.0, 3),
        };
        var energyWh = Math.Round(_meanEnergyWh * (0.2 + (1.6 * _random.NextDouble())));
        var dwell = TimeSpan.FromMinutes(30 + (_random.NextDouble() * _random.NextDouble() * 450));
        return new PlannedSession(arrival, arrival + dwell, energyWh, maxCurrentA, phases);
    }
}
