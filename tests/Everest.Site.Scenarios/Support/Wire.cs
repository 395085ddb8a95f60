using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Scenarios.Support;

/// <summary>EVerest payloads the stories publish, built the way EvseManager fills them.</summary>
public static class Wire
{
    public static readonly ProvidedIdToken Card = new(new IdToken("04A2B3C4D5", IdTokenType.ISO14443), AuthorizationType.RFID);

    public static SignedMeterValue Ocmf(string data) => new($"OCMF|{data}", "ECDSA-secp256r1-SHA256", "OCMF");

    public static HardwareCapabilities ThreePhase32A => new(
        MaxCurrentAImport: 32, MinCurrentAImport: 6, MaxPhaseCountImport: 3, MinPhaseCountImport: 1,
        MaxCurrentAExport: 0, MinCurrentAExport: 0, MaxPhaseCountExport: 0, MinPhaseCountExport: 0,
        SupportsChangingPhasesDuringCharging: false, ConnectorType: HardwareConnectorType.IEC62196Type2Socket);

    public static Func<SessionEvent, SessionEvent> Started(StartSessionReason reason, double meterWh, DateTimeOffset at, int? reservationId = null) =>
        e => e with { SessionStarted = new SessionStarted(reason, FakeEverest.Meter(at, meterWh), ReservationId: reservationId) };

    public static Func<SessionEvent, SessionEvent> TransactionStarted(double meterWh, DateTimeOffset at, int? reservationId = null) =>
        e => e with { TransactionStarted = new TransactionStarted(Card, FakeEverest.Meter(at, meterWh), Ocmf("start"), reservationId) };

    public static Func<SessionEvent, SessionEvent> TransactionFinished(double meterWh, DateTimeOffset at, StopTransactionReason reason) =>
        e => e with { TransactionFinished = new TransactionFinished(FakeEverest.Meter(at, meterWh), Ocmf("start"), Ocmf("end"), reason, Card) };

    public static Func<SessionEvent, SessionEvent> Finished(double meterWh, DateTimeOffset at) =>
        e => e with { SessionFinished = new SessionFinished(FakeEverest.Meter(at, meterWh)) };

    public static Func<SessionEvent, SessionEvent> Meter(double meterWh, DateTimeOffset at) =>
        e => e with { ChargingStateChangedEvent = new ChargingStateChangedEvent(FakeEverest.Meter(at, meterWh)) };

    public static Func<SessionEvent, SessionEvent> Source(EnableSource source, EnableState state, int priority) =>
        e => e with { Source = new EnableDisableSource(source, state, priority) };
}
