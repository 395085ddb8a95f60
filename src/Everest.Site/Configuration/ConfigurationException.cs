namespace Everest.Site.Configuration;

/// <summary>The configuration cannot be used; <see cref="Problems"/> lists every problem found, not just the first.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(IReadOnlyList<ConfigurationProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    private static string Describe(IReadOnlyList<ConfigurationProblem> problems) =>
        $"the configuration has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:{Environment.NewLine}"
        + string.Join(Environment.NewLine, problems.Select(p => $"  {p}"));
}
