namespace Everest.Site.Scenarios.Support;

/// <summary>
/// Scenarios that run days of virtual time with a controller crashed and restarted on a real SQLite journal: they run
/// after the other scenarios rather than beside them, so the barriers' real-time timeouts measure the scenario, not
/// the machine's other work.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "scenarios that run alone";
}
