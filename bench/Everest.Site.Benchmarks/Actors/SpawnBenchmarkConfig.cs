using Everest.Site.Benchmarks.Common;

namespace Everest.Site.Benchmarks.Actors;

/// <summary>Spawning 100,000 actors takes seconds: one warm-up and a few measured invocations are enough.</summary>
internal sealed class SpawnBenchmarkConfig() : MonitoredInProcessConfig(warmups: 1, iterations: 4, countAllocations: true);
