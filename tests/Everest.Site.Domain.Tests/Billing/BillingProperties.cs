using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Billing.Tariffs;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using FsCheck;
using FsCheck.Fluent;
using static Everest.Site.Domain.Tests.Billing.Tariffs;

namespace Everest.Site.Domain.Tests.Billing;

/// <summary>The arithmetic of sessions, tariffs and CDRs over generated histories and tariffs.</summary>
public sealed class BillingProperties
{
    private static readonly CdrEvse Where = new("depot-1", "cp-1", "DEPNXE123456*1", "cp-1-1", "1");

    /// <summary>One step of a generated transaction: a phase held for some seconds, with the energy that flowed and maybe a sample in between.</summary>
    internal sealed record Step(int Kind, int Seconds, int EnergyWh, bool Sample);

    internal sealed record Case(DateTimeOffset Start, double MeterStart, IReadOnlyList<Step> Steps, Tariff Tariff)
    {
        public History History()
        {
            var history = new History().Add(new TransactionStarted("s", Start, Billing.History.Card, MeterStart, null, null));
            var at = Start;
            var meter = MeterStart;
            foreach (var step in Steps)
            {
                history.Add(step.Kind switch
                {
                    0 => new ChargingStarted("s", at, meter),
                    1 => new ChargingPaused("s", at, PauseCause.Ev, null, meter),
                    2 => new ChargingPaused("s", at, PauseCause.Site, null, meter),
                    _ => new ChargingPaused("s", at, PauseCause.Evse, null, meter),
                });
                if (step.Sample)
                {
                    history.Add(new MeterSampled("s", new MeterReading(at.AddSeconds(step.Seconds / 2.0), meter + (step.EnergyWh / 2))));
                }

                at = at.AddSeconds(step.Seconds);
                meter += step.Kind == 0 ? step.EnergyWh : 0;
            }

            return history.Add(new TransactionFinished("s", at, "EVDisconnected", meter, null, null, null));
        }

        public ChargingSession Session() => Assert.Single(History().Fold().Finished);
    }

    private static Gen<decimal> Price(int max) => Gen.Choose(0, max * 10_000).Select(n => n / 10_000m);

    private static readonly Gen<TariffWindow> Windows =
        from days in Gen.SubListOf(Enum.GetValues<DayOfWeek>()).Where(d => d.Count > 0)
        from begin in Gen.Choose(0, 95)
        from end in Gen.Choose(0, 95).Where(t => t != begin)
        from energy in Price(1)
        from time in Gen.OneOf(Gen.Constant<decimal?>(null), Price(5).Select(p => (decimal?)p))
        from idle in Gen.OneOf(Gen.Constant<decimal?>(null), Price(1).Select(p => (decimal?)p))
        select new TariffWindow([.. days], TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(begin * 15)), TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(end * 15)), energy, time, idle);

    private static readonly Gen<Tariff> TariffGen =
        from energy in Price(1)
        from time in Price(5)
        from fee in Price(3)
        from idle in Price(1)
        from grace in Gen.Choose(0, 60)
        from count in Gen.Choose(0, 3)
        from windows in Windows.ListOf(count)
        select new Tariff("t", 1, null, energy, time, fee, idle, TimeSpan.FromMinutes(grace), [.. windows]);

    private static readonly Gen<Step> Steps =
        from kind in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
        from seconds in Gen.Choose(0, 4 * 3600)
        from energy in Gen.Choose(0, 40_000)
        from sample in Gen.Elements(true, false)
        select new Step(kind, seconds, energy, sample);

    private static readonly Gen<Case> Cases =
        from minutes in Gen.Choose(0, 60 * 24 * 365)
        from meter in Gen.Choose(0, 100_000_000)
        from count in Gen.Choose(0, 12)
        from steps in Steps.ListOf(count)
        from tariff in TariffGen
        select new Case(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(minutes), meter / 10.0, steps, tariff);

    private static Arbitrary<Case> Arb => Cases.ToArbitrary();

    [Fact]
    public void Energy_is_meter_stop_minus_meter_start_and_the_periods_energies_add_up_to_it()
    {
        Prop.ForAll(Arb, c =>
        {
            var session = c.Session();
            var price = TariffCalculator.Price(session, c.Tariff, Berlin, "EUR");
            Assert.Equal(session.MeterStopWh!.Value - session.MeterStartWh, session.EnergyWh);
            Assert.Equal(session.EnergyWh, price.Periods.Sum(p => p.EnergyWh));
            Assert.All(price.Periods, p => Assert.True(p.EnergyWh >= 0));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Charging_and_idle_time_add_up_to_the_duration_in_the_session_and_in_its_periods()
    {
        Prop.ForAll(Arb, c =>
        {
            var session = c.Session();
            var times = session.Times();
            var price = TariffCalculator.Price(session, c.Tariff, Berlin, "EUR");
            Assert.Equal(session.StoppedAt!.Value - session.StartedAt, times.Charging + times.Idle);
            Assert.Equal(times.Charging, price.Periods.Aggregate(TimeSpan.Zero, (s, p) => s + p.ChargingTime));
            Assert.Equal(times.Idle, price.Periods.Aggregate(TimeSpan.Zero, (s, p) => s + p.IdleTime));
            Assert.True(times.SitePaused <= times.Idle);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Each_cost_component_is_the_rounded_sum_of_its_periods_and_the_total_is_the_sum_of_the_components()
    {
        Prop.ForAll(Arb, c =>
        {
            var price = TariffCalculator.Price(c.Session(), c.Tariff, Berlin, "EUR");
            Assert.Equal(Money.Round(price.Periods.Sum(p => p.EnergyCost), "EUR"), price.Cost.Energy);
            Assert.Equal(Money.Round(price.Periods.Sum(p => p.TimeCost), "EUR"), price.Cost.Time);
            Assert.Equal(Money.Round(price.Periods.Sum(p => p.IdleCost), "EUR"), price.Cost.Idle);
            Assert.Equal(Money.Round(c.Tariff.SessionFee, "EUR"), price.Cost.SessionFee);
            Assert.Equal(price.Cost.Energy + price.Cost.Time + price.Cost.SessionFee + price.Cost.Idle, price.Cost.Total);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Periods_are_contiguous_and_each_lies_within_one_set_of_rates_so_time_of_use_edges_split_them()
    {
        Prop.ForAll(Arb, c =>
        {
            var session = c.Session();
            var price = TariffCalculator.Price(session, c.Tariff, Berlin, "EUR");
            Assert.Equal(session.StartedAt, price.Periods[0].Start);
            Assert.Equal(session.StoppedAt, price.Periods[^1].End);
            for (var i = 0; i < price.Periods.Length; i++)
            {
                var period = price.Periods[i];
                if (i > 0)
                {
                    Assert.Equal(price.Periods[i - 1].End, period.Start);
                }

                Assert.Equal(c.Tariff.RatesAt(period.Start, Berlin), period.Rates);
                if (period.End > period.Start)
                {
                    // Rates in force just before the end are still the period's: no edge lies inside it.
                    Assert.Equal(period.Rates, c.Tariff.RatesAt(period.End.AddTicks(-1), Berlin));
                    foreach (var edge in c.Tariff.WindowEdges(period.Start, period.End, Berlin))
                    {
                        Assert.Equal(period.Rates, c.Tariff.RatesAt(edge, Berlin));
                    }
                }
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void More_energy_in_the_same_time_never_costs_less()
    {
        Prop.ForAll(Arb, Gen.Choose(0, 50_000).ToArbitrary(), (c, extraWh) =>
        {
            var session = c.Session();
            var more = session with
            {
                MeterStopWh = session.MeterStopWh + extraWh,
                MeterPoints = session.MeterPoints.SetItem(session.MeterPoints.Length - 1, session.MeterPoints[^1] with { Wh = session.MeterPoints[^1].Wh + extraWh }),
            };
            var less = TariffCalculator.Price(session, c.Tariff, Berlin, "EUR").Cost;
            var most = TariffCalculator.Price(more, c.Tariff, Berlin, "EUR").Cost;
            Assert.True(most.Energy >= less.Energy);
            Assert.True(most.Total >= less.Total);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_credit_cdr_cancels_its_original_in_every_amount_energy_and_time()
    {
        Prop.ForAll(Arb, c =>
        {
            var book = new TariffBook("EUR", Berlin, "t", [c.Tariff], []);
            var ledger = CdrLedger.Build([(Where, c.Session())], [new SessionCorrected("s", c.Start.AddDays(1), CorrectionKind.Void, null, "void", null)], book);
            var (original, credit) = (ledger.Records[0], ledger.Records[1]);
            Assert.Equal(CdrKind.Credit, credit.Kind);
            Assert.Equal(0m, original.Cost.Total + credit.Cost.Total);
            Assert.Equal(CostBreakdown.Zero, original.Cost with
            {
                Energy = original.Cost.Energy + credit.Cost.Energy,
                Time = original.Cost.Time + credit.Cost.Time,
                SessionFee = original.Cost.SessionFee + credit.Cost.SessionFee,
                Idle = original.Cost.Idle + credit.Cost.Idle,
            });
            Assert.Equal(0m, original.EnergyWh + credit.EnergyWh);
            Assert.Equal(TimeSpan.Zero, original.ChargingTime + credit.ChargingTime);
            Assert.Equal(TimeSpan.Zero, original.IdleTime + credit.IdleTime);
            Assert.Equal(TimeSpan.Zero, original.BillableIdleTime + credit.BillableIdleTime);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_same_events_always_give_the_same_sessions()
    {
        Prop.ForAll(Arb, c =>
        {
            var first = c.Session();
            var second = c.Session();
            Assert.Equal(first with { Phases = [], MeterPoints = [] }, second with { Phases = [], MeterPoints = [] });
            Assert.Equal(first.Phases.ToArray(), second.Phases.ToArray());
            Assert.Equal(first.MeterPoints.ToArray(), second.MeterPoints.ToArray());
        }).QuickCheckThrowOnFailure();
    }
}
