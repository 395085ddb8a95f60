using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Everest.Site.Benchmarks.Persistence;

/// <summary>
/// Database benchmarks are long, stateful operations: each iteration is one measured invocation (no pilot, no
/// unrolling) in this process, and Op/s is events per second.
/// </summary>
internal sealed class PersistenceBenchmarkConfig : ManualConfig
{
    public PersistenceBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(4)
            .WithId("short"));
        AddColumn(StatisticColumn.OperationsPerSecond);
        WithOptions(ConfigOptions.JoinSummary);
    }
}
