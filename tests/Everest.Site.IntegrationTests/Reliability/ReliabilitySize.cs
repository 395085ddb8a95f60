namespace Everest.Site.IntegrationTests.Reliability;

/// <summary>
/// How hard the reliability suite pushes. The normal test run uses <see cref="Ci"/> (each fault once, small, so the
/// suite fits CI's time); <c>scripts/reliability.sh</c> selects <see cref="Quick"/> or <see cref="Full"/> through
/// <c>EVEREST_SITE_RELIABILITY</c>.
/// </summary>
/// <param name="Evses">Simulated EVSEs (each with a car every round).</param>
/// <param name="Rounds">Rounds of cars of <see cref="Support.ChargingPlan"/> (20 simulated minutes each).</param>
/// <param name="Kills">SIGKILLs at random moments under load.</param>
/// <param name="BrokerOutage">How long mosquitto is stopped.</param>
/// <param name="DatabaseOutage">How long PostgreSQL is stopped.</param>
/// <param name="HostilePayloads">Bad messages published over every subscribed topic.</param>
/// <param name="FullDisk">How long the journal's file system stays full.</param>
internal sealed record ReliabilitySize(string Name, int Evses, int Rounds, int Kills, TimeSpan BrokerOutage, TimeSpan DatabaseOutage, int HostilePayloads, TimeSpan FullDisk)
{
    public const string Variable = "EVEREST_SITE_RELIABILITY";

    /// <summary>Where each run appends its row (tab-separated), for the script's table; unset in the normal test run.</summary>
    public const string TableVariable = "EVEREST_SITE_RELIABILITY_TABLE";

    public static ReliabilitySize Ci { get; } = new("ci", 4, 1, 1, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), 1_000, TimeSpan.FromSeconds(5));

    public static ReliabilitySize Quick { get; } = new("quick", 10, 4, 10, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), 20_000, TimeSpan.FromSeconds(60));

    public static ReliabilitySize Full { get; } = new("full", 10, 16, 50, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), 100_000, TimeSpan.FromSeconds(60));

    /// <summary>One simulated minute per real second: a round of cars takes 20 s.</summary>
    public const double TimeScale = 60;

    public static ReliabilitySize Selected => Environment.GetEnvironmentVariable(Variable) switch
    {
        "full" => Full,
        "quick" => Quick,
        null or "" or "ci" => Ci,
        var other => throw new InvalidOperationException($"{Variable}={other}: expected ci, quick or full."),
    };
}
