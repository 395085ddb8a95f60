using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Everest.Site.Domain.Evse.History;
using Everest.Site.Firmware.Events;

namespace Everest.Site.Firmware;

/// <summary>
/// Reads the journal events of some persistence ids that happened within a time range, as text lines for a log
/// package. A short-lived actor per persistence id replays it from the journal (any journal plugin can replay).
/// </summary>
public static class JournalRangeReader
{
    private static readonly TimeSpan ReplayTimeout = TimeSpan.FromSeconds(30);

    public static async Task<IReadOnlyList<string>> ReadAsync(ActorSystem system, IReadOnlyList<string> persistenceIds, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(persistenceIds);
        var lines = new List<(DateTimeOffset At, string Line)>();
        foreach (var persistenceId in persistenceIds)
        {
            foreach (var persistent in await ReplayAsync(system, persistenceId))
            {
                if (AtOf(persistent.Payload) is { } at && at >= from && at <= to)
                {
                    lines.Add((at, $"{at:O} {persistenceId} #{persistent.SequenceNr} {persistent.Payload}"));
                }
            }
        }

        return [.. lines.OrderBy(l => l.At).Select(l => l.Line)];
    }

    /// <summary>Every event stored under <paramref name="persistenceId"/>, in order (the bare payloads, tags removed).</summary>
    public static async Task<IReadOnlyList<IPersistentRepresentation>> ReplayAsync(ActorSystem system, string persistenceId)
    {
        ArgumentNullException.ThrowIfNull(system);
        var journal = Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null);
        var done = new TaskCompletionSource<IReadOnlyList<IPersistentRepresentation>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = system.ActorOf(Props.Create(() => new Replayer(journal, persistenceId, done)));
        try
        {
            return await done.Task.WaitAsync(ReplayTimeout);
        }
        finally
        {
            system.Stop(reader);
        }
    }

    private static DateTimeOffset? AtOf(object payload) => payload switch
    {
        IEvseHistoryEvent e => e.At,
        ISystemEvent e => e.At,
        Site.Events.ISiteEvent e => e.At,
        _ => null,
    };

    private sealed class Replayer : ReceiveActor
    {
        private readonly List<IPersistentRepresentation> _events = [];

        public Replayer(IActorRef journal, string persistenceId, TaskCompletionSource<IReadOnlyList<IPersistentRepresentation>> done)
        {
            Receive<ReplayedMessage>(m => _events.Add(m.Persistent.Payload is Tagged tagged ? m.Persistent.WithPayload(tagged.Payload) : m.Persistent));
            Receive<RecoverySuccess>(_ =>
            {
                done.TrySetResult(_events);
                Context.Stop(Self);
            });
            Receive<ReplayMessagesFailure>(f =>
            {
                done.TrySetException(f.Cause);
                Context.Stop(Self);
            });
            journal.Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, persistenceId, Self));
        }
    }
}
