using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Everest.Site.Benchmarks.Mqtt;

/// <summary>
/// Each invocation moves tens of thousands of messages through a real broker, so a few monitored
/// iterations give a stable figure; Op/s is messages per second. In-process, because the benchmark
/// drives external processes (mosquitto and its command-line clients) anyway.
/// </summary>
public sealed class MqttBenchmarkConfig : ManualConfig
{
    public MqttBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.OperationsPerSecond);
        WithOptions(ConfigOptions.JoinSummary);
    }
}
