using System.Globalization;
using BenchmarkDotNet.Running;
using Everest.Site.Benchmarks.Actors;
using Everest.Site.Benchmarks.Allocation;
using Everest.Site.Benchmarks.Billing;
using Everest.Site.Benchmarks.Fleet;
using Everest.Site.Benchmarks.Mqtt;

// BenchmarkDotNet benchmarks are found by the switcher (filter them with --filter '*Actors*'); measurements of a
// scenario rather than of one repeated operation run as named commands. docs/benchmarks.md lists the commands.
switch (args)
{
    case [IdleActorMemory.Command, ..]:
        await IdleActorMemory.RunAsync();
        break;
    case [FleetRecoveryBenchmark.Command, .. var options]:
        await FleetRecoveryBenchmark.RunAsync(options);
        break;
    case [FleetRecoveryChild.Command, var path, var evses, var mode, var persistenceSettings]:
        await FleetRecoveryChild.RunAsync(path, int.Parse(evses, CultureInfo.InvariantCulture), mode == "akka", persistenceSettings);
        break;
    case [FleetWritesBenchmark.Command, .. var options]:
        await FleetWritesBenchmark.RunAsync(options);
        break;
    case [MqttIngestBenchmark.Command, .. var options]:
        await MqttIngestBenchmark.RunAsync(options);
        break;
    case [BillingBenchmark.Command, .. var options]:
        await BillingBenchmark.RunAsync(options);
        break;
    case [AcnLookahead.Command, ..]:
        Environment.ExitCode = AcnLookahead.Run(args);
        break;
    case [AllocationQuality.Command, ..]:
        Environment.ExitCode = AllocationQuality.Run(args);
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(IdleActorMemory).Assembly).Run(args);
        break;
}
