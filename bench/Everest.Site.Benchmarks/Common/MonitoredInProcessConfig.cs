using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Everest.Site.Benchmarks.Common;

/// <summary>
/// The job our long-running benchmarks share: every iteration is one measured invocation (monitoring strategy, no
/// pilot or unrolling) in this process, since building and starting a second process can outlast BenchmarkDotNet's
/// build timeout on a busy machine; Op/s is the unit each benchmark names (messages, actors, events).
/// </summary>
internal abstract class MonitoredInProcessConfig : ManualConfig
{
    protected MonitoredInProcessConfig(int warmups, int iterations, bool countAllocations)
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(warmups)
            .WithIterationCount(iterations)
            .WithId("short"));
        if (countAllocations)
        {
            AddDiagnoser(MemoryDiagnoser.Default);
        }

        AddColumn(StatisticColumn.OperationsPerSecond);
        WithOptions(ConfigOptions.JoinSummary);
    }
}
