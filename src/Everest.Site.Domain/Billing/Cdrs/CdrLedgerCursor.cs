using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Billing.Tariffs;

namespace Everest.Site.Domain.Billing.Cdrs;

/// <summary>
/// <see cref="CdrLedger.Build"/> one transaction at a time: given the transactions in export order, it issues the
/// same CDRs in the same order, so an export can stream them as it reads its rows instead of holding them all.
/// </summary>
public sealed class CdrLedgerCursor(IEnumerable<SessionCorrected> corrections, TariffBook book)
{
    private readonly Dictionary<string, List<SessionCorrected>> _corrections = CdrLedger.BySession(corrections);
    private readonly HashSet<string> _matched = new(StringComparer.Ordinal);
    private readonly TariffBook _book = book ?? throw new ArgumentNullException(nameof(book));

    /// <summary>The next transaction's CDRs: its original, then per correction of it a credit and a replacement.</summary>
    public IEnumerable<ChargeDetailRecord> Issue(CdrEvse evse, ChargingSession session)
    {
        ArgumentNullException.ThrowIfNull(evse);
        ArgumentNullException.ThrowIfNull(session);
        return CdrLedger.Issue(evse, session, _corrections, _book, _matched);
    }
}
