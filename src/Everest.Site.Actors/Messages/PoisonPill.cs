namespace Everest.Site.Actors;

/// <summary>An ordinary message that stops the receiver when it is processed, i.e. after the messages ahead of it.</summary>
public sealed record PoisonPill
{
    private PoisonPill()
    {
    }

    public static PoisonPill Instance { get; } = new();
}
