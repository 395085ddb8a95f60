namespace Everest.Site.Benchmarks.Allocation;

/// <summary>One Caltech charging session: periods of 5 minutes since 2019-03-01 00:00 Pacific time.</summary>
internal sealed record AcnSession(string SessionId, string StationId, int Arrival, int Departure, double RequestedKwh, double MaxPowerKw)
{
    /// <summary>
    /// The session as ACN-Sim's <c>get_evs(..., force_feasible=True)</c> would have built it: the request cut to what
    /// the stay allows at the battery's power (the EVSE's 32 A × 208 V is above the 6.6 kW battery here).
    /// </summary>
    public AcnSession WithFeasibleRequest() => this with { RequestedKwh = Math.Min(RequestedKwh, MaxPowerKw * (Departure - Arrival) * AcnReplay.PeriodMinutes / 60.0) };
}
