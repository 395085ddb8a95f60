using System.Collections;
using System.Security.Cryptography;
using System.Text.Json;
using Everest.Site.Billing;
using Everest.Site.Billing.Projection;
using Everest.Site.Configuration;
using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Tests.Billing;

/// <summary>
/// The exports of a realistic read model (thousands of transactions on a SQLite file: time-of-use edges, a tariff
/// change, token groups, pauses of every cause, OCMF values, corrections of every kind) must stay byte for byte what
/// they were when these digests were taken: a change that makes the export faster must not change what it writes.
/// </summary>
public sealed class ExportGoldenTests : IDisposable
{
    private const int Evses = 12;
    private const int Sessions = 3_000;

    // SHA-256 of each format's export of the read model below, taken before the export's speed work.
    private const string CsvDigest = "a16c9afb877a6b05b503808bdfd88486d48801d6fcebfbb2f3867c1b6d8dcff6";
    private const string JsonDigest = "7d6387d296fb3d4ae3ce47b77a8c548e50f8240a54f05cce841c481a06927902";
    private const string OcpiDigest = "521d7c48adfcadfdf80c9342e86f01da64a76cea723a13db613f6f643bd6a76a";

    private static readonly DateTimeOffset T0 = new(2026, 12, 28, 17, 0, 0, TimeSpan.Zero);

    private readonly TempConfig _config;

    public ExportGoldenTests()
    {
        var chargers = string.Join("\n", Enumerable.Range(0, Evses).Select(e =>
            $"{{ id = cp-{e}, system-module-id = sys-{e}, evses = [ {{ id = e-{e}, module-id = m-{e} }} ] }}"));
        _config = new TempConfig("placeholder");
        File.WriteAllText(_config.Path, $$"""
            everest-site {
              site-id = depot-golden
              persistence { provider = sqlite, sqlite.path = {{JsonSerializer.Serialize(Path.Combine(_config.Directory, "site.db"))}} }
              chargers = [
            {{chargers}}
              ]
              billing {
                time-zone = "Europe/Berlin"
                default-tariff = public
                tariffs = [
                  { id = public, energy-price-per-kwh = 0.49, time-price-per-hour = 0.3, session-fee = 0.50, idle-price-per-minute = 0.10,
                    idle-grace-period = 15m,
                    time-windows = [
                      { days = [mon, tue, wed, thu, fri], from = "22:00", to = "06:00", energy-price-per-kwh = 0.39 }
                      { days = [sat, sun], from = "00:00", to = "23:59", idle-price-per-minute = 0 }
                      { from = "17:30", to = "19:00", time-price-per-hour = 1.2 }
                    ] }
                  { id = public, version = 2, valid-from = "2027-01-01T00:00:00+01:00", energy-price-per-kwh = 0.55, session-fee = 0.45,
                    idle-price-per-minute = 0.12, idle-grace-period = 20m,
                    time-windows = [ { from = "23:00", to = "05:00", energy-price-per-kwh = 0.41 } ] }
                  { id = staff, energy-price-per-kwh = 0.2 }
                ]
                token-groups = [
                  { id = employees, tariff = staff, tokens = ["04A2B3C4D5"] }
                  { id = fleet, tariff = public, token-prefixes = ["DE-FLT-"] }
                ]
                location { name = "Depot Golden", address = "Hauptstrasse 1", city = Berlin, postal-code = "10115", country = DEU,
                           latitude = "52.520008", longitude = "13.404954" }
                evses = [ { id = e-0, evse-id = "DE*EVS*E000001*1" } ]
              }
            }
            """);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _config.Dispose();
    }

    [Fact]
    public async Task Exports_are_byte_for_byte_what_they_were()
    {
        var options = SiteConfiguration.BindAndValidate(SiteConfiguration.Load(_config.Path, environment: new Hashtable()));
        var readModel = new BillingReadModel(new BillingDatabase(options.Persistence));
        await readModel.EnsureSchemaAsync(CancellationToken.None);
        await WriteReadModelAsync(readModel);
        var export = new CdrExport(readModel, new BillingSite(options));

        var digests = new List<string>();
        foreach (var (format, expected) in new[] { (CdrFormat.Csv, CsvDigest), (CdrFormat.Json, JsonDigest), (CdrFormat.Ocpi, OcpiDigest) })
        {
            using var output = new MemoryStream();
            var count = await export.WriteAsync(CdrFilter.All, format, output, CancellationToken.None);
            Assert.True(count > Sessions, $"{format}: {count} CDRs");
            var digest = Convert.ToHexStringLower(SHA256.HashData(output.ToArray()));
            digests.Add(digest == expected ? "same" : $"{format} now {digest}");
        }

        Assert.Equal(["same", "same", "same"], digests);
    }

    private static async Task WriteReadModelAsync(BillingReadModel readModel)
    {
        var sessions = new List<ProjectedSession>();
        var corrections = new List<ProjectedCorrection>();
        for (var i = 0; i < Sessions; i++)
        {
            var evse = i % Evses;
            var history = Session(evse, i).Select((e, n) => ((long)(i / Evses * 20) + n + 1, e));
            var session = Assert.Single(BillingHistoryFold.Replay(history).Finished);
            sessions.Add(new ProjectedSession($"evse-e-{evse}", $"e-{evse}", session));
            if (i % 37 == 5)
            {
                var kind = (CorrectionKind)(i / 37 % 3);
                corrections.Add(new ProjectedCorrection(
                    i + 1,
                    new SessionCorrected(session.SessionUuid, session.StoppedAt!.Value.AddHours(3), kind, kind == CorrectionKind.Reprice ? "staff" : null, $"golden {i}", "operator")));
            }

            if (i % 101 == 7 && corrections.Count > 0)
            {
                // A second correction of an earlier session credits its replacement.
                var first = corrections[^1].Correction;
                corrections.Add(new ProjectedCorrection(i + 1_000_000, first with { At = first.At.AddDays(1), Kind = CorrectionKind.Free, Reason = "=again" }));
            }
        }

        var changes = new ProjectionChanges(Sessions, sessions, new Dictionary<string, BillingHistoryFold>(), corrections, Sessions);
        await readModel.CommitAsync(0, changes, CancellationToken.None);
    }

    /// <summary>Transaction <paramref name="n"/> on EVSE <paramref name="evse"/>: starts every 97 minutes, so starts walk through every hour and weekday and cross the tariff change.</summary>
    private static List<IEvseHistoryEvent> Session(int evse, int n)
    {
        var uuid = $"golden-{evse:D2}-{n:D5}";
        var at = T0.AddMinutes(97.0 * n / Evses * 3).AddSeconds(evse * 7);
        var meter = (100_000.0 * evse) + (30_000.0 * n);
        var token = (n % 4) switch
        {
            0 => new IdToken("04A2B3C4D5", "ISO14443"),
            1 => new IdToken($"DE-FLT-{n % 50:D3}", "Central"),
            2 => new IdToken($"PUB{n:D6}", "ISO15693"),
            _ => new IdToken($"-app{n}", "NoAuthorization"),
        };
        var signed = n % 3 == 0;
        var pauseCause = (PauseCause)(n % 3);
        var events = new List<IEvseHistoryEvent>
        {
            new SessionStarted(uuid, at, "EVConnected", null, meter, n % 5 == 0 ? n : null),
            new TransactionStarted(uuid, at.AddSeconds(15), token, meter, null, signed ? Ocmf('B', meter) : null, n % 23 == 0),
            new CsmsTransactionIdAssigned(uuid, $"csms-{n}", at.AddSeconds(16)),
        };
        if (n % 11 != 0)
        {
            events.Add(new ChargingStarted(uuid, at.AddMinutes(2 + (n % 40)), meter));
            events.Add(new MeterSampled(uuid, new MeterReading(at.AddMinutes(45), meter + 3_333.3, 7_400)));
            events.Add(new ChargingPaused(uuid, at.AddMinutes(50), pauseCause, "limit", meter + 3_900));
            events.Add(new ChargingResumed(uuid, at.AddMinutes(50 + (n % 45)), pauseCause, meter + 3_900));
            events.Add(new MeterSampled(uuid, new MeterReading(at.AddMinutes(150), meter + 11_111.1, 11_000)));
        }

        var stop = at.AddMinutes(160 + (n % 200));
        var stopMeter = meter + (n % 11 != 0 ? 14_000.25 + (n % 17) : 0);
        events.Add(new TransactionFinished(uuid, stop, n % 7 == 0 ? "Local" : "EVDisconnected", stopMeter, null, signed ? Ocmf('E', stopMeter) : null, signed && n % 2 == 0 ? MeterKey : null));
        events.Add(new SessionFinished(uuid, stop.AddMinutes(1), stopMeter));
        return events;
    }

    // A fixed key text and fixed signatures, so that the OCMF values and their verdicts (unverified: no usable key)
    // are the same in every run.
    private const string MeterKey = "3059301306072A8648CE3D020106082A8648CE3D03010703420004D61B7C0E5B1B7BD00B9D3F2E0E8E0C3E5F0A6B3C9D4E2F1A0B9C8D7E6F5A4B3C2D1E0F9A8B7C6D5E4F3A2B1C0D9E8F7A6B5C4D3E2F1A0B9C8D7E6F5A4B3C";

    private static SignedMeterValue Ocmf(char phase, double wh)
    {
        var kwh = (wh / 1000).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        var payload = "{\"FV\":\"1.0\",\"GI\":\"GOLDEN\",\"GS\":\"0815\",\"RD\":[{\"TX\":\"" + phase + "\",\"RV\":" + kwh + ",\"RU\":\"kWh\",\"ST\":\"G\"}]}";
        return new SignedMeterValue($"OCMF|{payload}|{{\"SA\":\"ECDSA-secp256r1-SHA256\",\"SD\":\"3045022100AB\"}}", "ECDSA-secp256r1-SHA256", "OCMF");
    }
}
