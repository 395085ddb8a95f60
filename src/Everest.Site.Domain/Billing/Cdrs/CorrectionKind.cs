namespace Everest.Site.Domain.Billing.Cdrs;

/// <summary>What an operator's correction of a transaction's CDR does.</summary>
public enum CorrectionKind
{
    /// <summary>Credit the CDR and issue a replacement that costs nothing (goodwill, a fault on our side).</summary>
    Free,

    /// <summary>Credit the CDR and issue a replacement priced with another tariff (the version in force at the transaction start).</summary>
    Reprice,

    /// <summary>Credit the CDR and issue nothing new (a test transaction, a duplicate).</summary>
    Void,
}
