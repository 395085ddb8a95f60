namespace Everest.Site.Domain.Billing.Ocmf;

/// <summary>The verdict on signed meter values, and in words why (for a dispute, and for the export).</summary>
public sealed record OcmfCheck(OcmfVerdict Verdict, string Detail)
{
    public static OcmfCheck NotSigned { get; } = new(OcmfVerdict.NotSigned, "no signed meter values");
}
