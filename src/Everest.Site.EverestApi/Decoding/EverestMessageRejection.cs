namespace Everest.Site.EverestApi;

/// <summary>A message that was not accepted, with the reason in words an operator can act on.</summary>
public sealed record EverestMessageRejection(string Topic, RejectionReason Reason, string Detail)
{
    public override string ToString() => $"{Reason} on '{Topic}': {Detail}";
}
