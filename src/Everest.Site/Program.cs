using System.CommandLine;
using Everest.Site.Cli;

var parseResult = EverestSiteCli.Build().Parse(args);

// A command line that does not parse is bad usage: exit 2 as for a bad configuration, not System.CommandLine's 1.
if (parseResult.Errors.Count > 0)
{
    foreach (var parseError in parseResult.Errors)
    {
        await Console.Error.WriteLineAsync($"error: {parseError.Message}").ConfigureAwait(false);
    }

    await Console.Error.WriteLineAsync("See 'everest-site --help'.").ConfigureAwait(false);
    return ExitCodes.BadInput;
}

// 'run' and 'demo' handle SIGTERM/SIGINT themselves (orderly shutdown, exit 0); without a termination timeout
// System.CommandLine leaves the signals to them instead of ending the invocation with 143.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await parseResult.InvokeAsync(invocation).ConfigureAwait(false);
