using Akka.Actor;
using Everest.Site.Billing.Projection;
using Everest.Site.Domain.Billing.Cdrs;

namespace Everest.Site.Billing.Corrections;

/// <summary>
/// Checks an operator's correction against the read model and the tariffs, and stores it in the journal as a
/// <see cref="SessionCorrected"/> event. The projection then issues its credit and replacement CDRs; nothing already
/// issued is edited.
/// </summary>
public sealed class BillingCorrections(BillingReadModel readModel, BillingSite site, TimeProvider time)
{
    /// <summary>OCPI's limit on a CDR remark.</summary>
    public const int MaxReasonLength = 255;

    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The correction <paramref name="request"/> asks for, made now; or the problems by field name
    /// (<c>session_uuid</c>, <c>kind</c>, <c>tariff_id</c>, <c>reason</c>, <c>by</c>).
    /// </summary>
    public async Task<(SessionCorrected? Correction, IReadOnlyDictionary<string, string[]> Problems)> ValidateAsync(CorrectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CorrectionKind kind = default;
        if (string.IsNullOrWhiteSpace(request.Kind) || !TryKind(request.Kind, out kind))
        {
            problems["kind"] = ["must be one of free, reprice, void"];
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            problems["reason"] = ["is required: it is exported as the CDR remark"];
        }
        else if (request.Reason.Length > MaxReasonLength)
        {
            problems["reason"] = [$"must be at most {MaxReasonLength} characters (OCPI remark)"];
        }

        if (request.By is { Length: > MaxReasonLength })
        {
            problems["by"] = [$"must be at most {MaxReasonLength} characters"];
        }

        if (!problems.ContainsKey("kind") && kind == CorrectionKind.Reprice)
        {
            if (string.IsNullOrWhiteSpace(request.TariffId))
            {
                problems["tariff_id"] = ["is required for kind reprice"];
            }
            else if (!site.Tariffs.Tariffs.Any(t => t.Id == request.TariffId))
            {
                problems["tariff_id"] = [$"names no configured tariff (everest-site.billing.tariffs[].id)"];
            }
        }

        if (string.IsNullOrWhiteSpace(request.SessionUuid))
        {
            problems["session_uuid"] = ["is required"];
        }
        else
        {
            var sessions = await readModel.SessionsByUuidAsync(request.SessionUuid, cancellationToken).ConfigureAwait(false);
            if (sessions.Count == 0)
            {
                problems["session_uuid"] = ["names no transaction in the billing read model"];
            }
            else if (sessions.All(s => !s.Session.IsFinished))
            {
                problems["session_uuid"] = ["names a transaction still running: only a finished transaction has a CDR to correct"];
            }
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var correction = new SessionCorrected(request.SessionUuid!, time.GetUtcNow(), kind, kind == CorrectionKind.Reprice ? request.TariffId : null, request.Reason!.Trim(), string.IsNullOrWhiteSpace(request.By) ? null : request.By);
        return (correction, problems);
    }

    /// <summary>Stores <paramref name="correction"/> in the journal of <paramref name="system"/>; returns its persistence id.</summary>
    public static async Task<string> StoreAsync(ActorSystem system, SessionCorrected correction)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(correction);
        var persistenceId = CorrectionWriter.PersistenceIdPrefix + Guid.NewGuid().ToString("N");
        var writer = system.ActorOf(CorrectionWriter.Props(persistenceId));
        var stored = await writer.Ask<CorrectionWriter.Stored>(correction, StoreTimeout).ConfigureAwait(false);
        return stored.PersistenceId;
    }

    private static bool TryKind(string text, out CorrectionKind kind) =>
        Enum.TryParse(text, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !char.IsDigit(text[0]);
}
