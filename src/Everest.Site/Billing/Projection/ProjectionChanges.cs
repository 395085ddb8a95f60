using Everest.Site.Domain.Billing.Sessions;

namespace Everest.Site.Billing.Projection;

/// <summary>
/// What one batch of journal events changes in the read model, committed in one transaction with the new offset.
/// </summary>
/// <param name="Offset">The journal offset of the batch's last event: where the projection resumes after it.</param>
/// <param name="Sessions">Transactions started, changed or finished by the batch (each in its latest state).</param>
/// <param name="Folds">The fold state of every EVSE the batch touched.</param>
/// <param name="Corrections">Corrections the batch holds.</param>
/// <param name="Events">How many journal events the batch held.</param>
public sealed record ProjectionChanges(
    long Offset,
    IReadOnlyList<ProjectedSession> Sessions,
    IReadOnlyDictionary<string, BillingHistoryFold> Folds,
    IReadOnlyList<ProjectedCorrection> Corrections,
    int Events);
