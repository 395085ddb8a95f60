namespace Everest.Site.Domain.Allocation;

/// <summary>
/// A sub-board or feeder under the grid connection: a per-phase current limit (A) and, where one applies, a
/// total power limit (W) over its phases. <see cref="ParentId"/> is another circuit's id or
/// <see cref="SiteModel.GridId"/>.
/// </summary>
public sealed record Circuit(string Id, string ParentId, double MaxCurrentA, double? MaxPowerW = null);
