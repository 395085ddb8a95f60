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
        var order = corrections.ToList();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        var records = ImmutableArray.CreateRange(Issue(finished, BySession(order), book, matched));
        return new CdrLedgerResult(records, [.. order.Where(c => !matched.Contains(c.SessionUuid))]);
    }

    /// <summary>What one transaction issues: its original, then per correction (in order) a credit and a replacement.</summary>
    /// <param name="matched">Session uuids whose corrections were applied already (a uuid seen again gets none).</param>
    internal static IEnumerable<ChargeDetailRecord> Issue(
        CdrEvse evse,
        ChargingSession session,
        Dictionary<string, List<SessionCorrected>> correctionsBySession,
        TariffBook book,
        HashSet<string> matched)
    {
        ChargeDetailRecord? current = ChargeDetailRecords.Issue(evse, session, book);
        yield return current;
        if (!correctionsBySession.TryGetValue(session.SessionUuid, out var sessionCorrections) || !matched.Add(session.SessionUuid))
        {
            yield break;
        }

        for (var i = 0; i < sessionCorrections.Count; i++)
        {
            var issued = ChargeDetailRecords.Correct(current, evse, session, sessionCorrections[i], book, i + 1);
            foreach (var record in issued)
            {
                yield return record;
            }

            current = issued.LastOrDefault(r => r.Kind == CdrKind.Replacement);
        }
    }

    /// <summary>Corrections grouped by session uuid, each group in the order given.</summary>
    internal static Dictionary<string, List<SessionCorrected>> BySession(IEnumerable<SessionCorrected> corrections)
    {
        ArgumentNullException.ThrowIfNull(corrections);
        var bySession = new Dictionary<string, List<SessionCorrected>>(StringComparer.Ordinal);
        foreach (var correction in corrections)
        {
            if (!bySession.TryGetValue(correction.SessionUuid, out var list))
            {
                bySession[correction.SessionUuid] = list = [];
            }

            list.Add(correction);
        }

        return bySession;
    }

    private static IEnumerable<ChargeDetailRecord> Issue(
        IEnumerable<(CdrEvse Evse, ChargingSession Session)> finished,
        Dictionary<string, List<SessionCorrected>> bySession,
        TariffBook book,
        HashSet<string> matched)
    {
        foreach (var (evse, session) in finished)
        {
            foreach (var record in Issue(evse, session, bySession, book, matched))
            {
                yield return record;
            }
        }
    }
}
