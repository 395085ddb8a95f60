using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using static Everest.Site.Domain.Tests.Billing.History;

namespace Everest.Site.Domain.Tests.Billing;

public sealed class BillingHistoryFoldTests
{
    private static readonly SignedMeterValue SignedStart = new("OCMF|{\"RD\":[{\"TX\":\"B\"}]}|{\"SD\":\"00\"}", "ECDSA-secp256r1-SHA256", "OCMF", "3059AA");
    private static readonly SignedMeterValue SignedEnd = new("OCMF|{\"RD\":[{\"TX\":\"E\"}]}|{\"SD\":\"01\"}", "ECDSA-secp256r1-SHA256", "OCMF", "3059AA");

    [Fact]
    public void A_finished_transaction_becomes_one_session_with_every_fact_of_its_history()
    {
        var history = new History().Add(
            new SessionStarted("s-1", T0, "EVConnected", null, 1000, ReservationId: 7),
            new Authorized("s-1", T0.AddSeconds(5), 1000),
            new TransactionStarted("s-1", T0.AddSeconds(6), Card, 1000, null, SignedStart),
            new CsmsTransactionIdAssigned("s-1", "csms-42", T0.AddSeconds(7)),
            new ChargingStarted("s-1", T0.AddMinutes(1), 1000),
            new ChargingPaused("s-1", T0.AddMinutes(31), PauseCause.Site, "grid limit", 6000),
            new ChargingResumed("s-1", T0.AddMinutes(41), PauseCause.Site, 6000),
            new MeterSampled("s-1", new MeterReading(T0.AddMinutes(51), 8000)),
            new ChargingPaused("s-1", T0.AddMinutes(61), PauseCause.Ev, null, 10000),
            new TransactionFinished("s-1", T0.AddMinutes(71), "EVDisconnected", 10000.5, null, SignedEnd, "3059BB"),
            new SessionFinished("s-1", T0.AddMinutes(71), 10000.5));

        var result = history.Fold();

        Assert.Null(result.Live);
        var session = Assert.Single(result.Finished);
        Assert.Equal("s-1", session.SessionUuid);
        Assert.Equal("csms-42", session.CsmsTransactionId);
        Assert.Equal(Card, session.IdToken);
        Assert.Equal(7, session.ReservationId);
        Assert.Equal(T0.AddSeconds(6), session.StartedAt);
        Assert.Equal(T0.AddMinutes(71), session.StoppedAt);
        Assert.Equal(1000m, session.MeterStartWh);
        Assert.Equal(10000.5m, session.MeterStopWh);
        Assert.Equal(9000.5m, session.EnergyWh);
        Assert.Equal("EVDisconnected", session.StopReason);
        Assert.Same(SignedStart, session.SignedStart);
        Assert.Same(SignedEnd, session.SignedEnd);
        Assert.Equal("3059BB", session.OcmfPublicKey);
        Assert.False(session.Reconciled);
        Assert.Equal(1, session.SitePauseCount);
        Assert.Equal(3, session.FirstSequenceNr);
        Assert.Equal(10, session.LastSequenceNr);

        var times = session.Times();
        Assert.Equal(TimeSpan.FromMinutes(50), times.Charging);
        Assert.Equal(TimeSpan.FromMinutes(20) + TimeSpan.FromSeconds(54), times.Idle);
        Assert.Equal(TimeSpan.FromMinutes(10), times.SitePaused);
        Assert.Equal(session.StoppedAt - session.StartedAt, times.Duration);
    }

    [Fact]
    public void A_running_transaction_is_live_and_not_finished()
    {
        var history = new History().Add(
            new SessionStarted("s-1", T0, "EVConnected", null, 0, null),
            new TransactionStarted("s-1", T0, Card, 0, null, null),
            new ChargingStarted("s-1", T0, 0),
            new MeterSampled("s-1", new MeterReading(T0.AddMinutes(10), 2000)));

        var result = history.Fold();

        Assert.Empty(result.Finished);
        var live = Assert.IsType<ChargingSession>(result.Live);
        Assert.False(live.IsFinished);
        Assert.Equal(2000m, live.EnergyWh);
        Assert.Equal(TimeSpan.FromMinutes(25), live.Times(T0.AddMinutes(25)).Charging);
    }

    [Fact]
    public void A_session_that_ends_without_its_transaction_finished_closes_it_reconciled_with_the_session_meter()
    {
        var history = new History().Add(
            new TransactionStarted("s-1", T0, Card, 100, null, null),
            new ChargingStarted("s-1", T0, 100),
            new SessionFinished("s-1", T0.AddHours(1), 5100, Reconciled: true));

        var session = Assert.Single(history.Fold().Finished);

        Assert.True(session.Reconciled);
        Assert.Null(session.StopReason);
        Assert.Equal(5000m, session.EnergyWh);
        Assert.Equal(T0.AddHours(1), session.StoppedAt);
    }

    [Fact]
    public void A_transaction_that_never_finished_is_closed_at_the_next_start_with_the_last_meter_it_saw()
    {
        var history = new History().Add(
            new TransactionStarted("s-1", T0, Card, 100, null, null),
            new ChargingStarted("s-1", T0, 100),
            new MeterSampled("s-1", new MeterReading(T0.AddMinutes(30), 2100)),
            new TransactionStarted("s-2", T0.AddHours(2), Card, 4000, null, null));

        var result = history.Fold();

        var abandoned = Assert.Single(result.Finished);
        Assert.Equal("s-1", abandoned.SessionUuid);
        Assert.True(abandoned.Reconciled);
        Assert.Equal(2100m, abandoned.MeterStopWh);
        Assert.Equal("s-2", result.Live?.SessionUuid);
    }

    [Fact]
    public void Events_of_other_sessions_and_ends_of_unknown_transactions_change_nothing()
    {
        var history = new History().Add(
            new TransactionFinished("ghost", T0, "Local", 100, null, null, null),
            new TransactionStarted("s-1", T0, Card, 100, null, null),
            new ChargingPaused("other", T0.AddMinutes(1), PauseCause.Site, null, 999),
            new CsmsTransactionIdAssigned("other", "x", T0.AddMinutes(1)),
            new MeterSampled("other", new MeterReading(T0.AddMinutes(2), 99999)),
            new TransactionFinished("s-1", T0.AddMinutes(3), "Local", 100, null, null, null));

        var session = Assert.Single(history.Fold().Finished);

        Assert.Equal(0, session.SitePauseCount);
        Assert.Null(session.CsmsTransactionId);
        Assert.Equal(0m, session.EnergyWh);
        Assert.Equal(TimeSpan.FromMinutes(3), session.Times().Idle);
    }

    [Fact]
    public void A_meter_that_went_backwards_gives_no_negative_energy()
    {
        var session = Assert.Single(OneTransaction("s-1", T0, TimeSpan.FromMinutes(30), 5000, 4000).Fold().Finished);

        Assert.Equal(4000m, session.MeterStopWh);
        Assert.Equal(0m, session.EnergyWh);
    }

    [Fact]
    public void Events_with_clocks_running_backwards_never_make_time_negative()
    {
        var history = new History().Add(
            new TransactionStarted("s-1", T0, Card, 0, null, null),
            new ChargingStarted("s-1", T0.AddSeconds(-5), 0),
            new TransactionFinished("s-1", T0.AddSeconds(-10), "Local", 10, null, null, null));

        var session = Assert.Single(history.Fold().Finished);

        Assert.Equal(T0, session.StoppedAt);
        Assert.Equal(TimeSpan.Zero, session.Times().Duration);
    }
}
