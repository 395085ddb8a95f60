namespace Everest.Site.Actors;

/// <summary>Well-known references.</summary>
public static class ActorRefs
{
    /// <summary>
    /// "No sender": the receiver's <c>Sender</c> is then the system's dead letters, so a reply is logged
    /// and counted instead of disappearing silently.
    /// </summary>
    public static IActorRef? NoSender => null;
}
