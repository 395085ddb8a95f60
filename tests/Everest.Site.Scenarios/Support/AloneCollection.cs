namespace Everest.Site.Scenarios.Support;

/// <summary>
/// Scenarios that run days of virtual time with a controller crashed and restarted on a real SQLite journal, keeping
/// a core busy for most of a minute: they run after the other scenarios rather than beside them, so the stories that
/// race real I/O (firmware downloads over HTTP) against virtual time do not share the machine with them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "scenarios that run alone";
}
