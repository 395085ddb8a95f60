namespace Everest.Site.Actors.Persistence;

/// <summary>Delivered to <c>OnRecover</c> first when recovery found a snapshot: restore the state from it.</summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>Delivered to <c>OnRecover</c> after the last replayed event; commands follow from here on.</summary>
public sealed record RecoveryCompleted
{
    private RecoveryCompleted()
    {
    }

    public static RecoveryCompleted Instance { get; } = new();
}

/// <summary>Delivered to <c>OnCommand</c>: a <c>SaveSnapshot</c> was stored.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>Delivered to <c>OnCommand</c>: a <c>SaveSnapshot</c> failed; the actor goes on (events are still the truth).</summary>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>Delivered to <c>OnCommand</c>: <c>DeleteMessages</c> succeeded.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>Delivered to <c>OnCommand</c>: <c>DeleteMessages</c> failed.</summary>
public sealed record DeleteMessagesFailure(Exception Cause, long ToSequenceNr);
