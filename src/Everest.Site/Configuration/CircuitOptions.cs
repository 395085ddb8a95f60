using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>One entry of <c>circuits</c>: a sub-board or feeder with its own per-phase limit.</summary>
public sealed class CircuitOptions
{
    /// <summary>The name of the grid connection, the root every circuit tree hangs from.</summary>
    public const string GridId = "grid";

    public string Id { get; set; } = "";

    /// <summary>Another circuit's id, or <c>grid</c> (the default).</summary>
    public string Parent { get; set; } = GridId;

    [ConfigurationKeyName("max-current-a")]
    public double MaxCurrentA { get; set; }
}
