using Everest.Site.Benchmarks.Common;

namespace Everest.Site.Benchmarks.Persistence;

/// <summary>Database benchmarks are long, stateful operations: one warm-up and four measured invocations; Op/s is events per second.</summary>
internal sealed class PersistenceBenchmarkConfig() : MonitoredInProcessConfig(warmups: 1, iterations: 4, countAllocations: false);
