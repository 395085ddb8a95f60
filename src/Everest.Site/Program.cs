using System.CommandLine;
using Everest.Site.Cli;

// 'run' and 'demo' handle SIGTERM/SIGINT themselves (orderly shutdown, exit 0); without a termination timeout
// System.CommandLine leaves the signals to them instead of ending the invocation with 143.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await EverestSiteCli.Build().Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
