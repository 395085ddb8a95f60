using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Everest.Site.Domain.Billing.Tariffs;

/// <summary>
/// The instants where a tariff's windows begin and end on one local day, remembered per tariff instance, zone and
/// day. Converting a wall-clock time to an instant (with the daylight-saving checks) is the costly part of pricing,
/// and every transaction of a day needs the same edges again. A pure memo: the same arguments always give the same
/// instants, and it is attached to the tariff object without taking part in the record's equality.
/// </summary>
internal static class WindowEdgeCache
{
    private static readonly ConditionalWeakTable<Tariff, ConcurrentDictionary<(TimeZoneInfo Zone, DateOnly Day), DateTimeOffset[]>> Tables = new();

    /// <summary>Every window's start and end on local <paramref name="day"/> as instants, in the windows' order.</summary>
    public static DateTimeOffset[] EdgesOn(Tariff tariff, TimeZoneInfo zone, DateOnly day)
    {
        var table = Tables.GetValue(tariff, _ => new ConcurrentDictionary<(TimeZoneInfo, DateOnly), DateTimeOffset[]>());
        return table.GetOrAdd((zone, day), static (key, windows) =>
        {
            var edges = new DateTimeOffset[windows.Length * 2];
            for (var i = 0; i < windows.Length; i++)
            {
                edges[2 * i] = Tariff.LocalToInstant(key.Day.ToDateTime(windows[i].From), key.Zone);
                edges[(2 * i) + 1] = Tariff.LocalToInstant(key.Day.ToDateTime(windows[i].To), key.Zone);
            }

            return edges;
        }, tariff.Windows);
    }
}
