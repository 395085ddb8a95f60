using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Persistence;

namespace Everest.Site.Billing.Corrections;

/// <summary>
/// Stores one operator correction in the journal, tagged <c>billing</c> so the projection sees it, under a persistence
/// id of its own (<c>billing-correction-{uuid}</c>): a correction made from the command line while the controller runs
/// can never collide with one the controller stores. Replies <see cref="Stored"/> (or the failure) and stops.
/// </summary>
internal sealed class CorrectionWriter : ReceivePersistentActor
{
    /// <summary>Persistence ids of corrections start with this.</summary>
    public const string PersistenceIdPrefix = "billing-correction-";

    private static readonly IImmutableSet<string> Tags = ImmutableHashSet.Create(StringComparer.Ordinal, EvseTags.Billing);

    public CorrectionWriter(string persistenceId)
    {
        PersistenceId = persistenceId;
        Command<SessionCorrected>(correction =>
        {
            var requester = Sender;
            Persist(new Tagged(correction, Tags), _ =>
            {
                requester.Tell(new Stored(PersistenceId));
                Context.Stop(Self);
            });
        });
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new CorrectionWriter(persistenceId));

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // The asker hears of the failure through its timeout or the status below; the actor stops as Akka requires.
        Sender.Tell(new Status.Failure(cause));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <summary>The correction is in the journal under <paramref name="PersistenceId"/>.</summary>
    public sealed record Stored(string PersistenceId);
}
