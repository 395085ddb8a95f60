using Everest.Site.Domain.Evse.History;
using Everest.Site.Scenarios.Support;

namespace Everest.Site.IntegrationTests.Support;

/// <summary>
/// The transactions of the controller's journal, read for <see cref="GroundTruthCheck"/>: each session's
/// TransactionStarted and TransactionFinished joined into one <see cref="RecordedTransaction"/> (a session stored twice
/// gives two), and the EVSE streams whose sequence numbers are not 1..N without a gap.
/// </summary>
/// <param name="Gaps">One line per EVSE stream with a gap in its sequence numbers.</param>
/// <param name="Events">How many events the EVSE streams hold in all.</param>
/// <param name="Reconciled">How many transaction events were reconstructed after an outage.</param>
internal sealed record JournalTransactions(IReadOnlyList<RecordedTransaction> Transactions, IReadOnlyList<string> Gaps, int Events, int Reconciled)
{
    public static async Task<JournalTransactions> ReadAsync(EvseJournal journal, IReadOnlyList<string> evseIds)
    {
        var starts = new List<(string EvseId, TransactionStarted Event)>();
        var ends = new List<(string EvseId, TransactionFinished Event)>();
        var gaps = new List<string>();
        var eventCount = 0;
        foreach (var evseId in evseIds)
        {
            var events = await journal.ReadAsync(evseId);
            eventCount += events.Count;
            var firstGap = events.Select((e, index) => (e.SequenceNr, Expected: index + 1L)).FirstOrDefault(p => p.SequenceNr != p.Expected);
            if (firstGap != default)
            {
                gaps.Add($"{EvseJournal.PersistenceId(evseId)}: sequence number {firstGap.SequenceNr} where {firstGap.Expected} was expected (a gap)");
            }

            starts.AddRange(events.Select(e => e.Event).OfType<TransactionStarted>().Select(s => (evseId, s)));
            ends.AddRange(events.Select(e => e.Event).OfType<TransactionFinished>().Select(f => (evseId, f)));
        }

        var startsBySession = starts.ToLookup(s => s.Event.SessionUuid, StringComparer.Ordinal);
        var endsBySession = ends.ToLookup(f => f.Event.SessionUuid, StringComparer.Ordinal);
        var transactions = new List<RecordedTransaction>();
        foreach (var session in startsBySession.Select(g => g.Key).Union(endsBySession.Select(g => g.Key), StringComparer.Ordinal))
        {
            var (sessionStarts, sessionEnds) = (startsBySession[session].ToList(), endsBySession[session].ToList());
            transactions.AddRange((sessionStarts, sessionEnds) switch
            {
                ([var start], [var end]) => [Joined(session, start, end)],
                ([var start], []) => [new RecordedTransaction(session, start.EvseId, null, ", a TransactionStarted without its TransactionFinished")],
                ([], [var end]) => [new RecordedTransaction(session, end.EvseId, null, ", a TransactionFinished without its TransactionStarted")],

                // Stored more than once: one record per copy, whatever they hold.
                _ => Enumerable.Range(0, Math.Max(sessionStarts.Count, sessionEnds.Count))
                    .Select(copy => new RecordedTransaction(session, copy < sessionStarts.Count ? sessionStarts[copy].EvseId : sessionEnds[copy].EvseId, null)),
            });
        }

        var reconciled = starts.Count(s => s.Event.Reconciled) + ends.Count(f => f.Event.Reconciled);
        return new JournalTransactions(transactions, gaps, eventCount, reconciled);
    }

    private static RecordedTransaction Joined(string session, (string EvseId, TransactionStarted Event) start, (string EvseId, TransactionFinished Event) end) =>
        new(
            session,
            start.EvseId == end.EvseId ? start.EvseId : $"{start.EvseId} (started) / {end.EvseId} (finished)",
            end.Event.MeterWh - start.Event.MeterWh,
            end.Event.Reconciled ? ", closed by reconciliation" : ", from EVerest's TransactionFinished");
}
