using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Domain.Billing.Sessions;
using FsCheck;
using FsCheck.Fluent;
using static Everest.Site.Domain.Tests.Billing.Tariffs;

namespace Everest.Site.Domain.Tests.Billing;

/// <summary>
/// An export may issue originals in any order (on several threads) and hand them to the cursor in export order
/// afterwards: it must get exactly what one pass of the ledger gives.
/// </summary>
public sealed class CdrLedgerCursorProperties
{
    private static readonly CdrEvse Where = new("depot-1", "cp-1", "DEPNXE123456*1", "cp-1-1", "1");

    /// <summary>A transaction: its session uuid (few, so some repeat), minutes after T0, Wh charged, and the corrections of its uuid.</summary>
    internal sealed record Row(int Uuid, int StartMinutes, int Wh, IReadOnlyList<CorrectionKind> Corrections);

    private static readonly Gen<Row> Rows =
        from uuid in Gen.Choose(0, 8)
        from start in Gen.Choose(0, 60 * 24 * 30)
        from wh in Gen.Choose(0, 60_000)
        from corrections in Gen.Elements(Enum.GetValues<CorrectionKind>()).ListOf().Select(k => k.Take(3).ToList())
        select new Row(uuid, start, wh, corrections);

    [Fact]
    public void Originals_issued_in_any_order_then_corrected_in_export_order_are_the_ledger_of_one_pass()
    {
        var book = Book(Standard(perKwh: 0.49m, perHour: 0.3m, fee: 0.5m));
        Prop.ForAll(Rows.ListOf().ToArbitrary(), Gen.Choose(0, 2).ToArbitrary(), (rows, orphans) =>
        {
            var finished = new List<(CdrEvse Evse, ChargingSession Session)>();
            var corrections = new List<SessionCorrected>();
            foreach (var row in rows)
            {
                var uuid = $"session-{row.Uuid}";
                var start = History.T0.AddMinutes(row.StartMinutes);
                finished.Add((Where, Assert.Single(History.OneTransaction(uuid, start, TimeSpan.FromMinutes(40), 1_000, 1_000 + row.Wh).Fold().Finished)));
                corrections.AddRange(row.Corrections.Select((kind, n) =>
                    new SessionCorrected(uuid, start.AddDays(1 + n), kind, kind == CorrectionKind.Reprice ? "standard" : null, "checked", "operator")));
            }

            corrections.AddRange(Enumerable.Range(0, orphans).Select(o =>
                new SessionCorrected($"no-such-session-{o}", History.T0, CorrectionKind.Void, null, "nothing to correct", null)));

            var onePass = CdrLedger.Build(finished, corrections, book).Records;

            var originals = new ChargeDetailRecord[finished.Count];
            for (var i = finished.Count - 1; i >= 0; i--)
            {
                originals[i] = ChargeDetailRecords.Issue(finished[i].Evse, finished[i].Session, book);
            }

            var cursor = new CdrLedgerCursor(corrections, book);
            var streamed = new List<ChargeDetailRecord>();
            for (var i = 0; i < finished.Count; i++)
            {
                streamed.Add(originals[i]);
                streamed.AddRange(cursor.CorrectionsOf(originals[i], finished[i].Evse, finished[i].Session));
            }

            Assert.Equal(onePass.Select(Described), streamed.Select(Described));
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>A record's every value, its periods included (a record compares its period array by reference).</summary>
    private static string Described(ChargeDetailRecord record) => $"{record with { Periods = [] }} {string.Join("; ", record.Periods)}";
}
