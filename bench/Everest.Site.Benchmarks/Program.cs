using BenchmarkDotNet.Running;
using Everest.Site.Benchmarks.Actors;
using Everest.Site.Benchmarks.Allocation;

// Every benchmark class in this assembly is found by the switcher: add classes in a sibling folder
// (e.g. Persistence/, Mqtt/) and filter them with --filter '*Persistence*'. Each class sits beside the
// baseline it is compared with; see docs/benchmarks.md for the commands.
// Measurements that are not BenchmarkDotNet benchmarks run as named commands instead.
if (args is [IdleActorMemory.Command, ..])
{
    await IdleActorMemory.RunAsync();
    return;
}

if (args is [AllocationQuality.Command, ..])
{
    Environment.ExitCode = AllocationQuality.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(IdleActorMemory).Assembly).Run(args);
