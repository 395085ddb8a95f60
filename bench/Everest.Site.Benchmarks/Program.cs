using BenchmarkDotNet.Running;

// Each benchmark class sits beside the baseline it is compared with; see docs/benchmarks.md for the commands.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
