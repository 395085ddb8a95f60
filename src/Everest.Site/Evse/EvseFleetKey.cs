namespace Everest.Site.Evse;

/// <summary>The key of the <see cref="EvseFleetActor"/> in the host's actor registry.</summary>
public sealed class EvseFleetKey;
