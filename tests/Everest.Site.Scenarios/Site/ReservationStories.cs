using Akka.Actor;
using Everest.Site.Site;
using Everest.Site.Site.Events;
using Xunit.Abstractions;

namespace Everest.Site.Scenarios.Site;

/// <summary>Reservations through the site actor's message API, on the simulator.</summary>
public sealed class ReservationStories(ITestOutputHelper output) : SiteScenario(output)
{
    [Fact]
    public async Task A_reservation_holds_headroom_and_expires()
    {
        await StartSiteAsync(SiteOptions(2, gridA: 32));
        await ArriveAsync("cp-1-1", maxCurrentA: 32);
        await RunUntilDrawingAsync("cp-1-1", 31, TimeSpan.FromSeconds(30));

        var expiresAt = Time.GetUtcNow() + TimeSpan.FromMinutes(2);
        var accepted = await Site.Ask<ReservationAccepted>(new ReserveEvse(null, null, "DRIVER-1", expiresAt), TimeSpan.FromSeconds(15));
        Assert.Equal("cp-1-2", accepted.EvseId);

        // The reserved EVSE keeps its minimum free: the charging car comes down to 32 − 6 A.
        var held = await RunUntilAsync(s => Evse(s, "cp-1-1").AppliedA <= 26, TimeSpan.FromSeconds(10), "the charging car makes room for the reservation");
        Assert.Equal(Domain.Allocation.AllocationReason.Reserved, Evse(held, "cp-1-2").Decision.Reason);
        Assert.Equal(accepted.ReservationId, await Simulator.InspectAsync(s => s.Evses.Single(e => e.Options.Id == "cp-1-2").Simulation.ReservationId));

        var refused = await Site.Ask<ReservationRefused>(new ReserveEvse(null, null, "DRIVER-2", null), TimeSpan.FromSeconds(15));
        Assert.Contains("No EVSE is free", refused.Reason, StringComparison.Ordinal);

        await RunUntilAsync(s => s.Reservations.Count == 0, TimeSpan.FromMinutes(3), "the reservation expires");
        Assert.True(Time.GetUtcNow() >= expiresAt, "not cancelled before its expiry");
        Assert.Null(await Simulator.InspectAsync(s => s.Evses.Single(e => e.Options.Id == "cp-1-2").Simulation.ReservationId));
        await RunUntilDrawingAsync("cp-1-1", 31, TimeSpan.FromSeconds(10));

        var events = await SiteEventsAsync();
        Assert.Contains(events, e => e is ReservationMade { EvseId: "cp-1-2", Token: "DRIVER-1" } made && made.ReservationId == accepted.ReservationId);
        Assert.Contains(events, e => e is ReservationClosed { Outcome: ReservationOutcome.Expired } closed && closed.ReservationId == accepted.ReservationId);
    }

    [Fact]
    public async Task A_named_EVSE_in_use_is_refused_with_the_reason()
    {
        await StartSiteAsync(SiteOptions(2, gridA: 32));
        await ArriveAsync("cp-1-1");
        await RunUntilDrawingAsync("cp-1-1", 6, TimeSpan.FromSeconds(30));

        var refused = await Site.Ask<ReservationRefused>(new ReserveEvse("cp-1-1", null, "DRIVER-1", null), TimeSpan.FromSeconds(15));

        Assert.Equal("EVSE cp-1-1 cannot be reserved: a car is using it.", refused.Reason);
        var unknown = await Site.Ask<ReservationRefused>(new ReserveEvse("cp-9-9", null, "DRIVER-1", null), TimeSpan.FromSeconds(15));
        Assert.Equal("No EVSE 'cp-9-9' is configured.", unknown.Reason);
    }
}
