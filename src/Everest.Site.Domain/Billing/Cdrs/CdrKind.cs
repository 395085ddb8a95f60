namespace Everest.Site.Domain.Billing.Cdrs;

/// <summary>Why a CDR exists. CDRs are never edited: a correction issues a credit and, usually, a replacement.</summary>
public enum CdrKind
{
    /// <summary>The CDR of a finished transaction.</summary>
    Original,

    /// <summary>Cancels an earlier CDR: a copy of it with every amount, energy and time negated.</summary>
    Credit,

    /// <summary>The corrected CDR of a transaction whose earlier CDR was credited.</summary>
    Replacement,
}
