using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Billing.Tariffs;

namespace Everest.Site.Domain.Billing.Cdrs;

/// <summary>
/// <see cref="CdrLedger.Build"/> one transaction at a time: given the transactions in export order, it issues the
/// same CDRs in the same order, so an export can stream them as it reads its rows instead of holding them all.
/// An original depends on its transaction alone, so an export may issue originals anywhere (on several threads) with
/// <see cref="ChargeDetailRecords.Issue"/> and then hand each to <see cref="CorrectionsOf"/> in export order.
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

    /// <summary>
    /// The CDRs that follow the next transaction's <paramref name="original"/> (issued from the same
    /// <paramref name="evse"/> and <paramref name="session"/> with this cursor's tariffs): per correction of its session
    /// a credit and a replacement, the first time the session comes; nothing after. Called in export order.
    /// </summary>
    public IEnumerable<ChargeDetailRecord> CorrectionsOf(ChargeDetailRecord original, CdrEvse evse, ChargingSession session)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(evse);
        ArgumentNullException.ThrowIfNull(session);
        return CdrLedger.Corrections(original, evse, session, _corrections, _book, _matched);
    }
}
