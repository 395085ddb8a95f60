using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Tests.Persistence;

/// <summary>
/// One fully populated value of every persisted EVSE type, and a short realistic history. The golden files under
/// <c>Golden/</c> were written from <see cref="ByType"/> once and must keep reading back to exactly these values.
/// </summary>
internal static class EvseHistorySamples
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 7, 30, 15, 250, TimeSpan.Zero);

    private static readonly IdToken Token = new("04A2B3C4D5E6F7", "ISO14443");

    private static readonly SignedMeterValue SignedStart = new("<?xml version=\"1.0\"?><signedMeterValue start/>", "ECDSA-secp256r1-SHA256", "OCMF", "3059301306072A8648CE3D");

    private static readonly SignedMeterValue SignedEnd = new("OCMF|{\"FV\":\"1.0\",\"RD\":[{\"RV\":12.345}]}|{\"SA\":\"ECDSA-secp256r1-SHA256\"}", "ECDSA-secp256r1-SHA256", "OCMF");

    /// <summary>Every persisted type with its sample value (events and the snapshot).</summary>
    public static IReadOnlyDictionary<Type, object> ByType { get; } = new object[]
    {
        new SessionStarted("3f2a-session", T0, "Authorized", Token, 12_345.5, 17),
        new Authorized("3f2a-session", T0.AddSeconds(1), 12_345.5),
        new Deauthorized("3f2a-session", T0.AddSeconds(2), 12_345.5),
        new TransactionStarted("3f2a-session", T0.AddSeconds(3), Token, 12_345.5, 17, SignedStart, Reconciled: true),
        new ChargingStarted("3f2a-session", T0.AddSeconds(4), 12_346),
        new ChargingPaused("3f2a-session", T0.AddMinutes(10), PauseCause.Site, "site limit", 13_100.25),
        new ChargingResumed("3f2a-session", T0.AddMinutes(20), PauseCause.Site, 13_100.25),
        new TransactionFinished("3f2a-session", T0.AddHours(1), "EVDisconnected", 24_690.75, SignedStart, SignedEnd, "3059301306072A8648CE3D", Reconciled: true),
        new SessionFinished("3f2a-session", T0.AddHours(1).AddSeconds(5), 24_690.75, Reconciled: true),
        new ReservationStarted(17, T0.AddMinutes(-15), T0.AddMinutes(15)),
        new ReservationEnded(17, T0.AddSeconds(3), ReservationEnding.Used),
        new AvailabilityChanged(false, "firmware", 1000, T0.AddDays(1)),
        new WentOffline(T0.AddDays(2), T0.AddDays(2).AddSeconds(-5)),
        new CameOnline(T0.AddDays(2).AddMinutes(3)),
        new HardwareCapabilitiesChanged(T0.AddSeconds(-60), 6, 32, 1, 3, SupportsPhaseSwitch: true),
        new CsmsTransactionIdAssigned("3f2a-session", "csms-tx-0042", T0.AddSeconds(6)),
        new MeterSampled("3f2a-session", new MeterReading(T0.AddMinutes(5), 12_800.125, 11_040.5, new PhaseCurrents(16, 15.5, 16.25))),
        new SessionReconciled("3f2a-session", T0.AddHours(2), "SessionStarted of session 9c1e-session while it was open: the session is closed"),
        new EvseHistoryState(
            Online: true,
            Enabled: true,
            EnableSource: "csms",
            EnablePriority: 5000,
            Reservation: new ActiveReservation(23, T0.AddMinutes(30), T0.AddMinutes(45)),
            Session: new OpenSession("3f2a-session", T0, "Authorized", Token, 17, Authorized: true),
            Transaction: new OpenTransaction("3f2a-session", T0.AddSeconds(3), Token, 12_345.5, 17, SignedStart, "csms-tx-0042", ChargingPhase.Paused, PauseCause.Site, T0.AddMinutes(10), 2),
            LastSample: new MeterReading(T0.AddMinutes(5), 12_800.125, 11_040.5, new PhaseCurrents(16, 15.5, 16.25)),
            LastKnownMeterWh: 13_100.25,
            Hardware: new HardwareCapabilitiesChanged(T0.AddSeconds(-60), 6, 32, 1, 3, SupportsPhaseSwitch: true)),
    }.ToDictionary(value => value.GetType());

    /// <summary>
    /// A charging session as the EVSE actor persists it: billing events mixed with events only the EVSE history keeps.
    /// Session uuids and times are derived from <paramref name="session"/> so several histories differ.
    /// </summary>
    public static IReadOnlyList<IEvseHistoryEvent> Session(int session)
    {
        var uuid = $"session-{session}";
        var at = T0.AddHours(session);
        var meter = 1000.0 * session;
        return
        [
            new CameOnline(at),
            new SessionStarted(uuid, at.AddSeconds(1), "EVConnected", null, meter, null),
            new AvailabilityChanged(true, "site", 100, at.AddSeconds(2)),
            new TransactionStarted(uuid, at.AddSeconds(3), Token, meter, null, null),
            new ChargingStarted(uuid, at.AddSeconds(4), meter),
            new MeterSampled(uuid, new MeterReading(at.AddMinutes(5), meter + 900, 11_000)),
            new ChargingPaused(uuid, at.AddMinutes(6), PauseCause.Site, null, meter + 1000),
            new ReservationStarted(session, at.AddMinutes(7), null),
            new ChargingResumed(uuid, at.AddMinutes(8), PauseCause.Site, meter + 1000),
            new TransactionFinished(uuid, at.AddMinutes(30), "EVDisconnected", meter + 5000, null, null, null),
            new SessionFinished(uuid, at.AddMinutes(31), meter + 5000),
            new WentOffline(at.AddMinutes(40), at.AddMinutes(39)),
        ];
    }
}
