namespace Everest.Site.Actors;

/// <summary>
/// A message that could not be delivered: its recipient had stopped (or never existed). Published on the
/// <see cref="EventStream"/>, counted in <see cref="ActorSystem.DeadLetterCount"/> and logged (rate-limited).
/// </summary>
public record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>A message its recipient did not handle (it called <c>Unhandled</c>); treated as a dead letter.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient)
    : DeadLetter(Message, Sender, Recipient);
