using Akka.Actor;
using Everest.Site.Evse;
using Everest.Site.Site;

namespace Everest.Site.Hosting;

/// <summary>
/// What the demo shows at one moment: the site's current per phase beside its limit (null when the site actor did not
/// answer), one row per EVSE, and the sessions and transactions open on them.
/// </summary>
/// <param name="At">The simulated time of the reading.</param>
/// <param name="OpenSessionUuids">The uuids of the sessions open now (an EV plugged in), for counting sessions over time.</param>
public sealed record DemoStatus(
    DateTimeOffset At,
    DemoStatusTable.SiteLine? Site,
    IReadOnlyList<DemoStatusTable.Row> Rows,
    IReadOnlyList<string> OpenSessionUuids,
    int OpenTransactions)
{
    /// <summary>Two wall seconds: what a busy actor may take to answer.</summary>
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Asks the site actor for its status (<see cref="GetSiteStatus"/>) and every EVSE actor for its snapshot. An actor
    /// that does not answer in time (busy, restarting) is shown as such rather than stopping the demo.
    /// </summary>
    public static async Task<DemoStatus> ReadAsync(IActorRef fleet, IActorRef site, EvseFleetPlan plan, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(time);
        SiteStatus? allocation = null;
        try
        {
            allocation = await site.Ask<SiteStatus>(GetSiteStatus.Instance, AskTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A busy or restarting site does not answer; the status is shown without the allocation.
        }

        var rows = new List<DemoStatusTable.Row>();
        var sessions = new List<string>();
        var transactions = 0;
        foreach (var evseId in plan.Evses.Select(e => e.EvseId).Order(StringComparer.Ordinal))
        {
            try
            {
                var snapshot = await fleet.Ask<EvseSnapshot>(new EvseEnvelope(evseId, GetEvseSnapshot.Instance), AskTimeout).ConfigureAwait(false);
                var row = DemoStatusTable.RowOf(snapshot);
                var decided = allocation?.Evses.FirstOrDefault(e => e.EvseId == evseId);
                rows.Add(decided is null ? row : row with { Allocation = DemoStatusTable.AllocationOf(decided) });
                if (snapshot.History.Session is { } session)
                {
                    sessions.Add(session.Uuid);
                }

                transactions += snapshot.History.Transaction is null ? 0 : 1;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                rows.Add(new DemoStatusTable.Row(evseId, Online: false, State: "(no answer)", PowerKw: null, SessionEnergyKwh: null));
            }
        }

        return new DemoStatus(time.GetUtcNow(), allocation is null ? null : DemoStatusTable.SiteLineOf(allocation), rows, sessions, transactions);
    }
}
