using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Domain.Billing.Ocmf;
using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Billing.Tariffs;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using static Everest.Site.Domain.Tests.Billing.History;
using static Everest.Site.Domain.Tests.Billing.Tariffs;

namespace Everest.Site.Domain.Tests.Billing;

public sealed class ChargeDetailRecordTests
{
    private const string Uuid = "0f8e4a2c-6b1d-4c3e-9a7f-1234567890ab";
    private static readonly CdrEvse Where = new("depot-1", "cp-1", "DEPNXE123456*1", "cp-1-1", "1");
    private static readonly TariffBook PricedBook = Book(Standard(0.40m, fee: 1m), Standard(0.25m) with { Id = "fleet" });

    private static ChargingSession Session(string uuid = Uuid) =>
        Assert.Single(OneTransaction(uuid, T0, TimeSpan.FromHours(1), 1000, 21000).Fold().Finished);

    [Fact]
    public void A_cdr_names_where_who_what_and_the_tariff_version_that_priced_it()
    {
        var cdr = ChargeDetailRecords.Issue(Where, Session(), PricedBook);

        Assert.Equal(Uuid, cdr.Id);
        Assert.Equal(CdrKind.Original, cdr.Kind);
        Assert.Equal(Where, cdr.Evse);
        Assert.Equal(Card, cdr.IdToken);
        Assert.Equal((1000m, 21000m, 20000m), (cdr.MeterStartWh, cdr.MeterStopWh, cdr.EnergyWh));
        Assert.Equal(("standard", (int?)1), (cdr.TariffId, cdr.TariffVersion));
        Assert.Equal(new CostBreakdown(8.00m, 0m, 1.00m, 0m), cdr.Cost);
        Assert.Equal(OcmfVerdict.NotSigned, cdr.Ocmf.Verdict);
        Assert.Equal(cdr.StoppedAt, cdr.IssuedAt);
        Assert.Equal(cdr.Duration, cdr.ChargingTime + cdr.IdleTime);
    }

    [Fact]
    public void Marking_a_session_free_issues_a_credit_that_cancels_the_original_and_a_free_replacement()
    {
        var session = Session();
        var correction = new SessionCorrected(Uuid, T0.AddDays(1), CorrectionKind.Free, null, "charger fault", "operator@depot");

        var ledger = CdrLedger.Build([(Where, session)], [correction], PricedBook);

        Assert.Empty(ledger.Unmatched);
        Assert.Collection(
            ledger.Records,
            original => Assert.Equal((CdrKind.Original, 9.00m), (original.Kind, original.Cost.Total)),
            credit =>
            {
                Assert.Equal(CdrKind.Credit, credit.Kind);
                Assert.Equal(Uuid + "-C", credit.Id);
                Assert.Equal(Uuid, credit.ReferencedCdrId);
                Assert.Equal((-9.00m, -20000m), (credit.Cost.Total, credit.EnergyWh));
                Assert.Equal("charger fault", credit.Remark);
                Assert.Equal(T0.AddDays(1), credit.IssuedAt);
            },
            replacement =>
            {
                Assert.Equal(CdrKind.Replacement, replacement.Kind);
                Assert.Equal(Uuid, replacement.ReferencedCdrId);
                Assert.Equal(36, replacement.Id.Length);
                Assert.Equal(0m, replacement.Cost.Total);
                Assert.Equal(20000m, replacement.EnergyWh);
            });
        Assert.Equal(0m, ledger.Records[0].Cost.Total + ledger.Records[1].Cost.Total);
    }

    [Fact]
    public void A_second_correction_credits_the_replacement_and_repricing_uses_the_named_tariff()
    {
        var session = Session();
        var ledger = CdrLedger.Build(
            [(Where, session)],
            [
                new SessionCorrected(Uuid, T0.AddDays(1), CorrectionKind.Free, null, "goodwill", null),
                new SessionCorrected(Uuid, T0.AddDays(2), CorrectionKind.Reprice, "fleet", "fleet card after all", null),
                new SessionCorrected(Uuid, T0.AddDays(3), CorrectionKind.Void, null, "test transaction", null),
                new SessionCorrected("unknown", T0.AddDays(3), CorrectionKind.Void, null, "typo", null),
            ],
            PricedBook);

        var kinds = ledger.Records.Select(r => r.Kind).ToList();
        Assert.Equal([CdrKind.Original, CdrKind.Credit, CdrKind.Replacement, CdrKind.Credit, CdrKind.Replacement, CdrKind.Credit], kinds);
        Assert.Equal(ledger.Records[2].Id, ledger.Records[3].ReferencedCdrId);
        Assert.Equal(("fleet", 5.00m), (ledger.Records[4].TariffId, ledger.Records[4].Cost.Total));
        Assert.Equal(ledger.Records[4].Id + "-C", ledger.Records[5].Id);
        Assert.Equal(0m, ledger.Records.Sum(r => r.Cost.Total));
        Assert.Equal(ledger.Records.Length, ledger.Records.Select(r => r.Id).Distinct().Count());
        Assert.All(ledger.Records, r => Assert.True(r.Id.Length <= (r.Kind == CdrKind.Credit ? 39 : 36)));
        Assert.Equal("unknown", Assert.Single(ledger.Unmatched).SessionUuid);
    }

    [Fact]
    public void The_same_history_always_gives_the_same_cdrs()
    {
        CdrLedgerResult Build() => CdrLedger.Build(
            [(Where, Session())],
            [new SessionCorrected(Uuid, T0.AddDays(1), CorrectionKind.Free, null, "goodwill", null)],
            PricedBook);

        var first = Build().Records;
        var second = Build().Records;

        Assert.Equal(first.Length, second.Length);
        for (var i = 0; i < first.Length; i++)
        {
            Assert.Equal(first[i] with { Periods = [] }, second[i] with { Periods = [] });
            Assert.Equal(first[i].Periods.ToArray(), second[i].Periods.ToArray());
        }
    }

    [Fact]
    public void An_overlong_session_uuid_gets_a_name_based_id_that_fits_ocpi()
    {
        var id = CdrIds.Original(new string('x', 60));

        Assert.Equal(36, id.Length);
        Assert.Equal(id, CdrIds.Original(new string('x', 60)));
        Assert.NotEqual(CdrIds.Replacement(Uuid, 1), CdrIds.Replacement(Uuid, 2));
    }

    [Fact]
    public void A_running_transaction_has_no_cdr_but_a_live_price()
    {
        var live = new History().Add(
            new TransactionStarted("s-1", T0, Card, 0, null, null),
            new ChargingStarted("s-1", T0, 0),
            new MeterSampled("s-1", new MeterReading(T0.AddMinutes(30), 10000))).Fold().Live!;

        Assert.Throws<ArgumentException>(() => ChargeDetailRecords.Issue(Where, live, PricedBook));
        var running = ChargeDetailRecords.Live(Where, live, PricedBook, T0.AddMinutes(45));
        Assert.Equal(5.00m, running.Cost.Total);
        Assert.Equal(T0.AddMinutes(45), running.StoppedAt);
    }
}
