namespace Everest.Site.Billing.Projection;

/// <summary>A finished row of <c>charging_session</c> as stored, its session not yet parsed.</summary>
/// <param name="Json">The <c>session</c> column.</param>
public sealed record StoredSession(string PersistenceId, string EvseId, string Json)
{
    /// <summary>The row with its session parsed.</summary>
    public ProjectedSession Parse() => new(PersistenceId, EvseId, BillingReadModel.ReadSession(Json));
}
