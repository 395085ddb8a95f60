using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Everest.Site.Benchmarks.Actors;

/// <summary>
/// Each invocation moves hundreds of thousands of messages, so a few monitored iterations in this process give a
/// stable figure without BenchmarkDotNet building and starting a second process; Op/s is messages (or actors) per second.
/// </summary>
internal sealed class ActorBenchmarkConfig : ManualConfig
{
    public ActorBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(6)
            .WithId("short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.OperationsPerSecond);
        WithOptions(ConfigOptions.JoinSummary);
    }
}
