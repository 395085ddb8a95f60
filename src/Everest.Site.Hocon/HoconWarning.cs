namespace Everest.Site.Hocon;

/// <summary>
/// Something that the HOCON rules allow but an operator should hear about,
/// e.g. an optional <c>include</c> whose file does not exist (the spec says it is skipped).
/// </summary>
public sealed record HoconWarning(HoconOrigin Origin, string Message)
{
    public override string ToString() => $"{Origin}: {Message}";
}
