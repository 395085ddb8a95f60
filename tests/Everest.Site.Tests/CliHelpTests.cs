using System.CommandLine;
using Everest.Site.Cli;

namespace Everest.Site.Tests;

/// <summary><c>--help</c> on every verb of <c>everest-site</c>: exit 0, its usage and every option it takes.</summary>
public sealed class CliHelpTests
{
    public static TheoryData<string> Verbs() => [.. VerbNames()];

    [Fact]
    public void Every_verb_the_docs_name_is_in_the_command_tree()
    {
        var verbs = VerbNames().ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string>(["", "run", "demo", "simulate", "billing export", "billing rebuild", "journal events", "config check"], StringComparer.Ordinal),
            verbs);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Help_prints_the_usage_and_every_option_and_exits_0(string verb)
    {
        var path = verb.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var command = path.Aggregate((Command)EverestSiteCli.Build(), (parent, name) => parent.Subcommands.Single(c => c.Name == name));
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await EverestSiteCli.Build().Parse([.. path, "--help"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.True(exitCode == 0, $"'{verb} --help' exited {exitCode}: {error}");
        Assert.Contains("Usage:", output.ToString(), StringComparison.Ordinal);
        Assert.All(command.Options, option => Assert.Contains(option.Name, output.ToString(), StringComparison.Ordinal));
        Assert.All(command.Subcommands, subcommand => Assert.Contains(subcommand.Name, output.ToString(), StringComparison.Ordinal));
        Assert.Equal("", error.ToString());
    }

    private static IEnumerable<string> VerbNames() => PathsOf(EverestSiteCli.Build(), []).Select(path => string.Join(' ', path));

    private static IEnumerable<string[]> PathsOf(Command command, string[] path)
    {
        yield return path;
        foreach (var subcommand in command.Subcommands)
        {
            foreach (var deeper in PathsOf(subcommand, [.. path, subcommand.Name]))
            {
                yield return deeper;
            }
        }
    }
}
