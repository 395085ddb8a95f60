using Everest.Site.Simulator.GroundTruth;

namespace Everest.Site.Simulator.Site;

/// <summary>The controller's answer to a request the simulated EVerest sent it.</summary>
/// <param name="Answered">False when no (decodable) answer came within the timeout; <paramref name="Value"/> is then default.</param>
public sealed record ReversedReply<T>(bool Answered, T? Value, ReversedRequestRecord Record);
