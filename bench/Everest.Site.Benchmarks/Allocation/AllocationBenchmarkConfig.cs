using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Everest.Site.Benchmarks.Allocation;

/// <summary>
/// A short job, with allocations counted, run in the benchmark's own process: the allocator needs no process
/// isolation, and building a separate benchmark project can outlast BenchmarkDotNet's build timeout on a busy machine.
/// </summary>
internal sealed class AllocationBenchmarkConfig : ManualConfig
{
    public AllocationBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance).WithId("short-in-process"));
        AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
    }
}
