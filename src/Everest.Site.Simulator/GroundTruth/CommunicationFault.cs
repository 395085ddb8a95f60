namespace Everest.Site.Simulator.GroundTruth;

/// <summary>
/// A CommunicationFault that EVerest raised on one API instance because the controller's
/// <c>communication_check</c> stayed away. Every supervised instance starts with one (EVerest raises it until
/// the first check arrives), marked <see cref="AtStartup"/>.
/// </summary>
public sealed record CommunicationFault(string Api, string ModuleId, DateTimeOffset RaisedAt, bool AtStartup)
{
    /// <summary>When a check arrived again (or supervision was switched off with <c>false</c>); null while raised.</summary>
    public DateTimeOffset? ClearedAt { get; init; }
}
