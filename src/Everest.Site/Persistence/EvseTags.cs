using System.Collections.Immutable;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Persistence;

/// <summary>
/// The journal tags of EVSE history events: the one place that says which events a query by tag sees.
/// Every EVSE history event carries <see cref="Evse"/>; those that make up a charge detail record also carry
/// <see cref="Billing"/>, which the billing projection follows.
/// </summary>
public static class EvseTags
{
    /// <summary>Every EVSE history event.</summary>
    public const string Evse = "evse";

    /// <summary>The events a charge detail record is built from: session and transaction lifecycle, meter samples.</summary>
    public const string Billing = "billing";

    private static readonly ImmutableHashSet<string> EvseOnly = ImmutableHashSet.Create(StringComparer.Ordinal, Evse);

    private static readonly ImmutableHashSet<string> EvseAndBilling = ImmutableHashSet.Create(StringComparer.Ordinal, Evse, Billing);

    /// <summary>The tags <paramref name="historyEvent"/> is stored with.</summary>
    public static IImmutableSet<string> For(IEvseHistoryEvent historyEvent) => historyEvent switch
    {
        SessionStarted or Authorized or Deauthorized or TransactionStarted or ChargingStarted or ChargingPaused
            or ChargingResumed or TransactionFinished or SessionFinished or MeterSampled or CsmsTransactionIdAssigned
            or SessionReconciled => EvseAndBilling,
        _ => EvseOnly,
    };
}
