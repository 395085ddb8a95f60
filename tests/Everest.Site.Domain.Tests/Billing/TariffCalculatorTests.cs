using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Billing.Tariffs;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using static Everest.Site.Domain.Tests.Billing.History;
using static Everest.Site.Domain.Tests.Billing.Tariffs;

namespace Everest.Site.Domain.Tests.Billing;

public sealed class TariffCalculatorTests
{
    private static ChargingSession Finished(History history) => Assert.Single(history.Fold().Finished);

    [Fact]
    public void Energy_is_priced_per_kwh_and_rounded_half_away_from_zero_to_the_cent()
    {
        // 12.345 kWh at 0.39 = 4.81455 -> 4.81; 12.3 kWh at 0.125 = 1.5375 -> 1.54 (half away from zero).
        var session = Finished(OneTransaction("s-1", T0, TimeSpan.FromHours(1), 0, 12345));
        Assert.Equal(4.81m, TariffCalculator.Price(session, Standard(0.39m), Berlin, "EUR").Cost.Energy);

        var half = Finished(OneTransaction("s-2", T0, TimeSpan.FromHours(1), 0, 12300));
        Assert.Equal(1.54m, TariffCalculator.Price(half, Standard(0.125m), Berlin, "EUR").Cost.Energy);
        Assert.Equal(2m, TariffCalculator.Price(half, Standard(0.125m), Berlin, "JPY").Cost.Energy);
    }

    [Fact]
    public void Time_is_priced_per_hour_of_charging_and_the_session_fee_once()
    {
        // Charging 90 minutes; one idle minute before and after do not count as charging time.
        var session = Finished(OneTransaction("s-1", T0, TimeSpan.FromMinutes(90), 0, 10000));

        var price = TariffCalculator.Price(session, Standard(perKwh: 0.30m, perHour: 1.20m, fee: 0.50m), Berlin, "EUR");

        Assert.Equal(new CostBreakdown(Energy: 3.00m, Time: 1.80m, SessionFee: 0.50m, Idle: 0m), price.Cost);
        Assert.Equal(5.30m, price.Cost.Total);
    }

    [Fact]
    public void Idle_is_billed_per_minute_after_the_grace_period_and_never_for_pauses_by_the_site_or_the_charger()
    {
        var history = new History().Add(
            new TransactionStarted("s-1", T0, Card, 0, null, null),
            new ChargingStarted("s-1", T0.AddMinutes(5), 0),                                  // 5 min EV idle (billable)
            new ChargingPaused("s-1", T0.AddMinutes(65), PauseCause.Site, null, 10000),       // 30 min site pause
            new ChargingResumed("s-1", T0.AddMinutes(95), PauseCause.Site, 10000),
            new ChargingPaused("s-1", T0.AddMinutes(105), PauseCause.Evse, null, 11000),      // 20 min charger pause
            new ChargingStarted("s-1", T0.AddMinutes(125), 11000),
            new ChargingPaused("s-1", T0.AddMinutes(135), PauseCause.Ev, null, 12000),        // 60 min EV idle (billable)
            new TransactionFinished("s-1", T0.AddMinutes(195), "EVDisconnected", 12000, null, null, null));
        var session = Finished(history);

        var price = TariffCalculator.Price(session, Standard(perKwh: 0m, idlePerMinute: 0.10m, grace: TimeSpan.FromMinutes(15)), Berlin, "EUR");

        // 65 billable idle minutes, 15 free: 50 minutes at 0.10.
        Assert.Equal(5.00m, price.Cost.Idle);
        Assert.Equal(TimeSpan.FromMinutes(50), price.Periods.Aggregate(TimeSpan.Zero, (s, p) => s + p.BillableIdleTime));
        Assert.Equal(TimeSpan.FromMinutes(30), session.Times().SitePaused);

        // The grace period runs out 10 minutes into the last idle stretch: a period boundary there.
        Assert.Contains(price.Periods, p => p.Start == T0.AddMinutes(145) && p.BillableIdleTime == TimeSpan.FromMinutes(50));
        Assert.Contains(price.Periods, p => p.Start == T0.AddMinutes(135) && p.End == T0.AddMinutes(145) && p.BillableIdleTime == TimeSpan.Zero);
    }

    [Fact]
    public void A_time_of_use_edge_splits_a_charging_period_and_its_energy_by_the_meter_interpolated_in_time()
    {
        // Berlin is UTC+1 in March: 22:00 local is 21:00 UTC. Charging 20:30-22:30 UTC at a constant 11 kW.
        var night = new TariffWindow([.. EveryDay], new TimeOnly(22, 0), new TimeOnly(6, 0), EnergyPerKwh: 0.20m);
        var start = new DateTimeOffset(2026, 3, 2, 20, 30, 0, TimeSpan.Zero);
        var history = new History().Add(
            new TransactionStarted("s-1", start, Card, 0, null, null),
            new ChargingStarted("s-1", start, 0),
            new TransactionFinished("s-1", start.AddHours(2), "EVDisconnected", 22000, null, null, null));

        var price = TariffCalculator.Price(Finished(history), Standard(0.40m, windows: night), Berlin, "EUR");

        Assert.Collection(
            price.Periods,
            day =>
            {
                Assert.Equal(start, day.Start);
                Assert.Equal(5500m, day.EnergyWh);
                Assert.Equal(0.40m, day.Rates.EnergyPerKwh);
            },
            nightPeriod =>
            {
                Assert.Equal(new DateTimeOffset(2026, 3, 2, 21, 0, 0, TimeSpan.Zero), nightPeriod.Start);
                Assert.Equal(16500m, nightPeriod.EnergyWh);
                Assert.Equal(0.20m, nightPeriod.Rates.EnergyPerKwh);
            });
        Assert.Equal(2.20m + 3.30m, price.Cost.Energy);
    }

    [Fact]
    public void A_window_on_selected_weekdays_applies_only_on_those_days_and_past_midnight_belongs_to_the_day_it_began()
    {
        // Friday 22:00 to Saturday 06:00 only.
        var window = new TariffWindow([DayOfWeek.Friday], new TimeOnly(22, 0), new TimeOnly(6, 0), EnergyPerKwh: 0.10m, IdlePerMinute: 0m);
        var tariff = Standard(0.40m, idlePerMinute: 0.05m, windows: window);
        DateTimeOffset Local(int day, int hour) => Tariff.LocalToInstant(new DateTime(2026, 3, day, hour, 30, 0), Berlin);

        Assert.Equal(new TariffRates(0.10m, 0m, 0m), tariff.RatesAt(Local(6, 23), Berlin));   // Friday night
        Assert.Equal(new TariffRates(0.10m, 0m, 0m), tariff.RatesAt(Local(7, 5), Berlin));    // Saturday early morning
        Assert.Equal(new TariffRates(0.40m, 0m, 0.05m), tariff.RatesAt(Local(7, 23), Berlin)); // Saturday night
        Assert.Equal(new TariffRates(0.40m, 0m, 0.05m), tariff.RatesAt(Local(6, 5), Berlin));  // Friday early morning
    }

    [Fact]
    public void Window_edges_follow_daylight_saving_time()
    {
        // Berlin springs forward on 2026-03-29 at 02:00 local (01:00 UTC): 22:00 local is 21:00 UTC before, 20:00 UTC after.
        var tariff = Standard(0.40m, windows: new TariffWindow([.. EveryDay], new TimeOnly(22, 0), new TimeOnly(2, 30), EnergyPerKwh: 0.20m));
        var edges = tariff.WindowEdges(
            new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 29, 23, 0, 0, TimeSpan.Zero),
            Berlin).ToList();

        Assert.Equal(
            [
                new DateTimeOffset(2026, 3, 28, 21, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), // 02:30 does not exist that night: the jump
                new DateTimeOffset(2026, 3, 29, 20, 0, 0, TimeSpan.Zero),
            ],
            edges);
    }

    [Fact]
    public void An_unpriced_session_still_has_its_periods_and_costs_nothing()
    {
        var session = Finished(OneTransaction("s-1", T0, TimeSpan.FromHours(1), 0, 7000));

        var price = TariffCalculator.Price(session, null, Berlin, "EUR");

        Assert.Null(price.Tariff);
        Assert.Equal(CostBreakdown.Zero, price.Cost);
        Assert.Equal(7000m, price.Periods.Sum(p => p.EnergyWh));
    }

    [Fact]
    public void A_transaction_without_duration_has_one_period_with_all_its_energy()
    {
        var history = new History().Add(
            new TransactionStarted("s-1", T0, Card, 0, null, null),
            new TransactionFinished("s-1", T0, "Local", 50, null, null, null));

        var price = TariffCalculator.Price(Finished(history), Standard(1m), Berlin, "EUR");

        var period = Assert.Single(price.Periods);
        Assert.Equal(50m, period.EnergyWh);
        Assert.Equal(0.05m, price.Cost.Energy);
    }

    [Fact]
    public void A_live_session_is_priced_up_to_now_with_its_last_reading()
    {
        var history = new History().Add(
            new TransactionStarted("s-1", T0, Card, 0, null, null),
            new ChargingStarted("s-1", T0, 0),
            new MeterSampled("s-1", new MeterReading(T0.AddMinutes(30), 5000)));
        var live = history.Fold().Live!;

        var price = TariffCalculator.Price(live, Standard(0.40m, perHour: 1m), Berlin, "EUR", until: T0.AddHours(1));

        Assert.Equal(2.00m, price.Cost.Energy);
        Assert.Equal(1.00m, price.Cost.Time);
    }
}
