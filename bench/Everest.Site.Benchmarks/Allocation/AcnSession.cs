namespace Everest.Site.Benchmarks.Allocation;

/// <summary>One Caltech charging session: periods of 5 minutes since 2019-03-01 00:00 Pacific time.</summary>
internal sealed record AcnSession(string SessionId, string StationId, int Arrival, int Departure, double RequestedKwh, double MaxPowerKw);
