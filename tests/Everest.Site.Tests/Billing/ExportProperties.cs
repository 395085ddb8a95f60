using System.Security.Cryptography;
using System.Text.Json;
using Everest.Site.Billing;
using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using FsCheck;
using FsCheck.Fluent;

namespace Everest.Site.Tests.Billing;

/// <summary>Whatever the history and the corrections, every export is well formed and OCPI-valid.</summary>
public sealed class ExportProperties
{
    private static readonly BillingSite Site = CdrFixtures.Site();

    /// <summary>A generated transaction: token type, per step a phase (0 charging, 1 EV, 2 site, 3 charger), seconds and Wh.</summary>
    internal sealed record Generated(int TokenType, int StartMinutes, IReadOnlyList<(int Kind, int Seconds, int Wh)> Steps, int Correction, bool Reconciled);

    private static readonly string[] TokenTypes = ["ISO14443", "ISO15693", "Central", "eMAID", "NoAuthorization", "Local", "KeyCode", "MacAddress", "a-future-type"];

    private static readonly Gen<(int Kind, int Seconds, int Wh)> Steps =
        from kind in Gen.Choose(0, 3)
        from seconds in Gen.Choose(0, 6 * 3600)
        from wh in Gen.Choose(0, 50_000)
        select (kind, seconds, wh);

    private static readonly Gen<Generated> Transactions =
        from tokenType in Gen.Choose(0, TokenTypes.Length - 1)
        from start in Gen.Choose(0, 60 * 24 * 365)
        from count in Gen.Choose(0, 8)
        from steps in Steps.ListOf(count)
        from correction in Gen.Choose(0, 3)
        from reconciled in Gen.Elements(true, false)
        select new Generated(tokenType, start, [.. steps], correction, reconciled);

    private static IReadOnlyList<ChargeDetailRecord> Records(IReadOnlyList<Generated> transactions)
    {
        var finished = new List<(CdrEvse, ChargingSession)>();
        var corrections = new List<SessionCorrected>();
        for (var i = 0; i < transactions.Count; i++)
        {
            var g = transactions[i];
            var uuid = $"session-{i}";
            var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(g.StartMinutes);
            var meter = 1000.0;
            var history = new List<(long, IEvseHistoryEvent)> { (1, new TransactionStarted(uuid, at, new IdToken($"tok-{i}", TokenTypes[g.TokenType]), meter, i, null, g.Reconciled)) };
            foreach (var (kind, seconds, wh) in g.Steps)
            {
                IEvseHistoryEvent e = kind == 0
                    ? new ChargingStarted(uuid, at, meter)
                    : new ChargingPaused(uuid, at, kind == 1 ? PauseCause.Ev : kind == 2 ? PauseCause.Site : PauseCause.Evse, null, meter);
                history.Add((history.Count + 1, e));
                at = at.AddSeconds(seconds);
                meter += kind == 0 ? wh : 0;
            }

            history.Add((history.Count + 1, new TransactionFinished(uuid, at, "EVDisconnected", meter, null, null, null, g.Reconciled)));
            finished.Add((Site.EvseFor(i % 2 == 0 ? "e-1" : "e-2"), Assert.Single(BillingHistoryFold.Replay(history).Finished)));
            if (g.Correction > 0)
            {
                corrections.Add(new SessionCorrected(uuid, at.AddDays(1), (CorrectionKind)(g.Correction - 1), "public", "correction", null));
            }
        }

        return CdrLedger.Build(finished, corrections, Site.Tariffs).Records;
    }

    [Fact]
    public void Every_ocpi_export_passes_the_validator_and_json_and_csv_have_one_entry_per_cdr()
    {
        Prop.ForAll(Transactions.ListOf().ToArbitrary(), async transactions =>
        {
            var records = Records([.. transactions]);

            using var ocpi = new MemoryStream();
            await OcpiCdrWriter.WriteAsync(records, Site, ocpi);
            var exported = JsonDocument.Parse(ocpi.ToArray()).RootElement;
            Assert.Equal(records.Count, exported.GetArrayLength());
            foreach (var cdr in exported.EnumerateArray())
            {
                Assert.Empty(OcpiCdrValidator.Validate(cdr));
            }

            using var json = new MemoryStream();
            await CdrJsonWriter.WriteAsync(records, json);
            Assert.Equal(records.Count, JsonDocument.Parse(json.ToArray()).RootElement.GetArrayLength());

            using var csv = new StringWriter();
            CdrCsvWriter.Write(records, csv);
            Assert.Equal(records.Count + 1, csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        }).QuickCheckThrowOnFailure();
    }
}
