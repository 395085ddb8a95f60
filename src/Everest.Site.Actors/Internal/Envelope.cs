namespace Everest.Site.Actors.Internal;

/// <summary>A user message with its sender, as it sits in a mailbox. A struct so enqueuing allocates nothing.</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);
