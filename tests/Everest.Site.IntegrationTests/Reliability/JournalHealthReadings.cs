namespace Everest.Site.IntegrationTests.Reliability;

/// <summary>What <c>/health</c> said of the journal while a fault lasted, in readings twice a second.</summary>
/// <param name="NotHealthy">Readings that reported the journal degraded or unhealthy.</param>
/// <param name="Unanswered">Readings to which <c>/health</c> gave no answer (the controller must keep answering).</param>
internal sealed record JournalHealthReadings(int Healthy, int NotHealthy, int Unanswered)
{
    /// <summary>These readings and one more that said <paramref name="status"/> (null: no answer).</summary>
    public JournalHealthReadings Add(string? status) => status switch
    {
        null => this with { Unanswered = Unanswered + 1 },
        ControllerHealth.Healthy => this with { Healthy = Healthy + 1 },
        _ => this with { NotHealthy = NotHealthy + 1 },
    };

    public override string ToString() => $"/health: journal not healthy in {NotHealthy} of {Healthy + NotHealthy + Unanswered} readings";
}
