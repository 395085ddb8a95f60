using Everest.Site.Simulator.Evse;

namespace Everest.Site.Simulator.Tests.Evse;

public sealed class ReservationTests
{
    [Fact]
    public void Reserve_succeeds_on_an_idle_enabled_EVSE_and_emits_ReservationStart()
    {
        using var h = new EvseHarness();

        Assert.True(h.Do((e, now) => e.Reserve(17, now)));

        var start = Assert.Single(h.Events);
        Assert.Equal(SessionEventKind.ReservationStart, start.Kind);
        Assert.Equal(17, start.ReservationId);
        Assert.Equal(EvseState.Reserved, h.Evse.State);
    }

    [Fact]
    public void Reserve_is_refused_while_a_car_is_plugged_in()
    {
        using var h = new EvseHarness();
        h.PlugInAndCharge();

        Assert.False(h.Do((e, now) => e.Reserve(17, now)));
    }

    [Fact]
    public void Reserve_is_refused_while_disabled()
    {
        using var h = new EvseHarness();
        h.Do((e, now) => e.EnableDisable(0, new EnableSetting(EnableSource.LocalAPI, EnableState.Disable, 100), now));

        Assert.False(h.Do((e, now) => e.Reserve(17, now)));
    }

    [Fact]
    public void Reserve_is_refused_under_another_id_but_accepted_again_under_the_same_id()
    {
        using var h = new EvseHarness();
        h.Do((e, now) => e.Reserve(17, now));

        Assert.False(h.Do((e, now) => e.Reserve(18, now)));
        Assert.True(h.Do((e, now) => e.Reserve(17, now)));
        Assert.Single(h.Events);
    }

    [Fact]
    public void Cancel_reservation_emits_ReservationEnd_and_frees_the_EVSE()
    {
        using var h = new EvseHarness();
        h.Do((e, now) => e.Reserve(17, now));

        Assert.True(h.Do((e, now) => e.CancelReservation(now)));

        Assert.Equal([SessionEventKind.ReservationStart, SessionEventKind.ReservationEnd], h.Kinds);
        Assert.Equal(EvseState.Unplugged, h.Evse.State);
        Assert.False(h.Do((e, now) => e.CancelReservation(now)));
    }

    [Fact]
    public void A_reservation_used_by_its_driver_ends_silently_with_its_id_in_TransactionStarted()
    {
        using var h = new EvseHarness();
        h.Do((e, now) => e.Reserve(17, now));

        h.PlugInAndCharge(EvseHarness.Vehicle(reservationId: 17));

        Assert.DoesNotContain(SessionEventKind.ReservationEnd, h.Kinds);
        Assert.Equal(17, h.Events.Single(e => e.Kind == SessionEventKind.TransactionStarted).ReservationId);
        Assert.Null(h.Evse.ReservationId);
    }

    [Fact]
    public void Another_driver_cannot_plug_into_a_reserved_EVSE()
    {
        using var h = new EvseHarness();
        h.Do((e, now) => e.Reserve(17, now));

        Assert.False(h.Do((e, now) => e.PlugIn(EvseHarness.Vehicle(), now)));
    }

    [Fact]
    public void A_transaction_without_the_reservation_carries_no_reservation_id()
    {
        using var h = new EvseHarness();
        h.PlugInAndCharge();

        Assert.Null(h.Events.Single(e => e.Kind == SessionEventKind.TransactionStarted).ReservationId);
    }
}
