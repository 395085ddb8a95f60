using System.CommandLine;

namespace Everest.Site.Cli;

/// <summary>
/// The <c>everest-site</c> command line: one verb per file in this folder, composed here.
/// Exit codes: 0 success, 1 the operation failed (message on stderr), 2 bad usage or bad configuration.
/// </summary>
public static class EverestSiteCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Everest.Site: controller for an EV charging site whose EVSEs run EVerest.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ConfigCheckCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(JournalCommand.Create());
        root.Subcommands.Add(BillingCommand.Create());
        root.Subcommands.Add(FirmwareCommand.Create());
        return root;
    }
}
