namespace Everest.Site.Tests.Architecture;

/// <summary>
/// The <c>everest-site</c> executable references the simulator only because <c>demo</c> and <c>simulate</c> are its
/// verbs. The controller itself (actors, hosting registration, persistence, configuration, billing) must never come to
/// depend on simulated EVerest, so only the demo's and simulate's composition may name the simulator.
/// </summary>
public sealed class SimulatorBoundaryTests
{
    private static readonly string[] AllowedFiles =
    [
        Path.Combine("Cli", "DemoCommand.cs"),
        Path.Combine("Cli", "SimulateCommand.cs"),
        Path.Combine("Hosting", "DemoSimulation.cs"),
    ];

    [Fact]
    public void Only_the_demo_and_simulate_composition_names_the_simulator()
    {
        var app = Path.Combine(Path.GetDirectoryName(RepositoryFiles.HoconDirectory)!, "src", "Everest.Site");
        var sources = Directory.EnumerateFiles(app, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(app, file))
            .ToList();
        Assert.NotEmpty(sources);

        var offenders = sources
            .Where(file => File.ReadAllText(file).Contains("Everest.Site.Simulator", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(app, file))
            .Where(file => !AllowedFiles.Contains(file, StringComparer.Ordinal))
            .ToList();

        Assert.True(offenders.Count == 0, $"These controller files name the simulator: {string.Join(", ", offenders)}");
    }

    private static bool IsBuildOutput(string app, string file)
    {
        var first = Path.GetRelativePath(app, file).Split(Path.DirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }
}
