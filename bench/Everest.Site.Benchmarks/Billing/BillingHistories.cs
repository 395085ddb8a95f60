using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Benchmarks.Billing;

/// <summary>
/// Synthetic EVSE histories shaped like the product's billing events: per transaction a session start, the
/// transaction, charging with three meter samples, a pause by the site and its resume, the end and the unplug (ten
/// events, all tagged <c>billing</c>). Deterministic: EVSE <c>e</c>'s session <c>k</c> starts at day 0 + k × 2 h + e min.
/// </summary>
internal static class BillingHistories
{
    public const int EventsPerSession = 10;

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    public static string EvseId(int evse) => $"bench-{evse:D4}";

    public static IReadOnlyList<IEvseHistoryEvent> Session(int evse, int session)
    {
        var uuid = $"{evse:D4}-{session:D6}-b1e5-4c0d-9a61-000000000000";
        var at = T0.AddHours(2 * session).AddMinutes(evse);
        var meter = 1_000_000.0 * evse + (25_000.0 * session);
        var token = new IdToken(session % 3 == 0 ? "04A2B3C4D5E6F7" : $"DE-FLT-{evse:D4}", "ISO14443");
        return
        [
            new SessionStarted(uuid, at, "EVConnected", null, meter, null),
            new TransactionStarted(uuid, at.AddSeconds(20), token, meter, null, null),
            new ChargingStarted(uuid, at.AddSeconds(30), meter),
            new MeterSampled(uuid, new MeterReading(at.AddMinutes(15), meter + 2_750, 11_000)),
            new ChargingPaused(uuid, at.AddMinutes(20), PauseCause.Site, "site limit", meter + 3_600),
            new ChargingResumed(uuid, at.AddMinutes(30), PauseCause.Site, meter + 3_600),
            new MeterSampled(uuid, new MeterReading(at.AddMinutes(45), meter + 6_350, 11_000)),
            new MeterSampled(uuid, new MeterReading(at.AddMinutes(60), meter + 9_100, 11_000)),
            new TransactionFinished(uuid, at.AddMinutes(75), "EVDisconnected", meter + 11_850.5, null, null, null),
            new SessionFinished(uuid, at.AddMinutes(76), meter + 11_850.5),
        ];
    }

    /// <summary>The billing configuration of <paramref name="evses"/> EVSEs: a tariff with a night window and a staff tariff by token.</summary>
    public static string SiteHocon(int evses, string persistence)
    {
        var chargers = string.Join("\n", Enumerable.Range(0, evses).Select(e =>
            $"{{ id = c-{e:D4}, system-module-id = sys_{e:D4}, evses = [ {{ id = {EvseId(e)}, module-id = evse_{e:D4} }} ] }}"));
        return $$"""
            everest-site {
              site-id = bench
              persistence { {{persistence}} }
              chargers = [
            {{chargers}}
              ]
              billing {
                time-zone = "Europe/Berlin"
                default-tariff = public
                tariffs = [
                  { id = public, energy-price-per-kwh = 0.49, session-fee = 0.50, idle-price-per-minute = 0.10, idle-grace-period = 30m,
                    time-windows = [ { from = "22:00", to = "06:00", energy-price-per-kwh = 0.39 } ] }
                  { id = staff, energy-price-per-kwh = 0.20 }
                ]
                token-groups = [ { id = employees, tariff = staff, tokens = ["04A2B3C4D5E6F7"] } ]
                location { name = "Bench Depot", address = "Hauptstrasse 1", city = Berlin, postal-code = "10115", country = DEU,
                           latitude = "52.520008", longitude = "13.404954" }
              }
            }
            """;
    }
}
