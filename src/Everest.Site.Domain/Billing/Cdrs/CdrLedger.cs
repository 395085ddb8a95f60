using System.Collections.Immutable;
using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Billing.Tariffs;

namespace Everest.Site.Domain.Billing.Cdrs;

/// <summary>
/// Every CDR a site's finished transactions and its corrections give, in a stable order: per transaction (in the
/// order given) its original, then per correction of it (in the order given) the credit and the replacement.
/// Corrections of a session that is not among the transactions are returned as unmatched, never guessed at.
/// </summary>
public static class CdrLedger
{
    public static CdrLedgerResult Build(
        IEnumerable<(CdrEvse Evse, ChargingSession Session)> finished,
        IEnumerable<SessionCorrected> corrections,
        TariffBook book)
    {
        ArgumentNullException.ThrowIfNull(finished);
        ArgumentNullException.ThrowIfNull(corrections);
        ArgumentNullException.ThrowIfNull(book);
        var bySession = new Dictionary<string, List<SessionCorrected>>(StringComparer.Ordinal);
        var order = new List<SessionCorrected>();
        foreach (var correction in corrections)
        {
            order.Add(correction);
            if (!bySession.TryGetValue(correction.SessionUuid, out var list))
            {
                bySession[correction.SessionUuid] = list = [];
            }

            list.Add(correction);
        }

        var records = ImmutableArray.CreateBuilder<ChargeDetailRecord>();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (evse, session) in finished)
        {
            ChargeDetailRecord? current = ChargeDetailRecords.Issue(evse, session, book);
            records.Add(current);
            if (!bySession.TryGetValue(session.SessionUuid, out var sessionCorrections) || !matched.Add(session.SessionUuid))
            {
                continue;
            }

            for (var i = 0; i < sessionCorrections.Count; i++)
            {
                var issued = ChargeDetailRecords.Correct(current, evse, session, sessionCorrections[i], book, i + 1);
                records.AddRange(issued);
                current = issued.LastOrDefault(r => r.Kind == CdrKind.Replacement);
            }
        }

        return new CdrLedgerResult(records.ToImmutable(), [.. order.Where(c => !matched.Contains(c.SessionUuid))]);
    }
}
