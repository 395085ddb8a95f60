using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Everest.Site.Benchmarks.Actors;

/// <summary>A short job: one process, a few iterations, so the whole actor suite runs in a few minutes.</summary>
internal sealed class ActorBenchmarkConfig : ManualConfig
{
    public ActorBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(8).WithId("short"));
        AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
    }
}
