namespace Everest.Site.Actors.Internal;

/// <summary>The bounded stash of one actor. Used only from the owning actor's run.</summary>
internal sealed class StashBuffer(ActorCell owner, int capacity) : IStash
{
    private readonly List<Envelope> _stashed = [];

    public int Count => _stashed.Count;

    public int Capacity { get; } = capacity;

    public void Stash()
    {
        var message = owner.CurrentMessage ?? throw new InvalidOperationException("Stash() can only be called while processing a message.");
        if (_stashed.Count >= Capacity)
        {
            throw new StashOverflowException(owner.Path, Capacity);
        }

        _stashed.Add(new Envelope(message, owner.CurrentSenderOrNull));
    }

    public void UnstashAll()
    {
        if (_stashed.Count == 0)
        {
            return;
        }

        var envelopes = _stashed.ToArray();
        _stashed.Clear();
        owner.PrependToMailbox(envelopes);
    }

    public void Unstash()
    {
        if (_stashed.Count == 0)
        {
            return;
        }

        var first = _stashed[0];
        _stashed.RemoveAt(0);
        owner.PrependToMailbox([first]);
    }

    internal void DrainToDeadLetters()
    {
        foreach (var envelope in _stashed)
        {
            owner.System.PublishDeadLetter(new DeadLetter(envelope.Message, envelope.Sender, owner));
        }

        _stashed.Clear();
    }
}
