using Everest.Site.Benchmarks.Common;

namespace Everest.Site.Benchmarks.Actors;

/// <summary>Each invocation moves hundreds of thousands of messages, so a few monitored iterations give a stable figure; Op/s is messages (or actors) per second.</summary>
internal sealed class ActorBenchmarkConfig() : MonitoredInProcessConfig(warmups: 2, iterations: 6, countAllocations: true);
