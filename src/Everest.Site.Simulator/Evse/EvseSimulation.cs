using Everest.Site.Simulator.Vehicles;

namespace Everest.Site.Simulator.Evse;

/// <summary>
/// One EVSE as EVerest's EvseManager runs it, as a deterministic state machine: no clock, no MQTT, no threads.
/// Time is passed into every call (calls must not go back in time); randomness comes from the seeded
/// <see cref="Random"/> given to the constructor. What the EVSE emits collects in <see cref="DrainOutputs"/>.
/// Not thread-safe: one caller at a time.
/// </summary>
public sealed partial class EvseSimulation : IDisposable
{
    /// <summary>Physics is integrated in steps of at most this length.</summary>
    public static readonly TimeSpan MaxStep = TimeSpan.FromSeconds(1);

    /// <summary>Current above the offered limit by less than this is measurement noise, not an exceedance.</summary>
    private const double ExceedanceToleranceA = 0.05;

    private readonly Random _random;
    private readonly OcmfMeterSigner _signer;
    private readonly EnablePriorityTable _enableTable = new();
    private readonly List<EvseOutput> _outputs = [];

    /// <summary>The offered current over time, so the car can follow it with its response delay.</summary>
    private readonly Queue<(DateTimeOffset At, double OfferedA)> _offeredHistory = new();

    private DateTimeOffset _now;
    private ChargePhase _phase = ChargePhase.Idle;
    private SessionState? _session;
    private int? _reservationId;
    private ExternalLimitSchedule _externalLimits = ExternalLimitSchedule.Unlimited;
    private bool _externallyReady;

    /// <summary>The offered current the car currently follows (lagging behind <see cref="OfferedCurrentA"/>).</summary>
    private double _vehicleFollowedLimitA;

    /// <summary>The car has its contactor closed and draws current (set on ChargingStarted/Resumed).</summary>
    private bool _vehicleDrawing;

    private long _meterMilliWh;
    private double _meterFractionMilliWh;
    private DateTimeOffset? _localAuthorizationDueAt;
    private DateTimeOffset? _prepareChargingUntil;
    private DateTimeOffset? _vehiclePauseUntil;
    private DateTimeOffset? _unplugDueAt;
    private bool _randomDelayEnabled;
    private TimeSpan _randomDelayMaxDuration;
    private (DateTimeOffset Start, DateTimeOffset End)? _randomDelay;
    private (DateTimeOffset Start, double LimitA, double MaxActualA)? _exceedance;

    public EvseSimulation(EvseSimulationOptions options, Random random, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException($"EVSE {options.EvseId}: {problem}", nameof(options));
        }

        Options = options;
        _random = random;
        _now = now;
        _signer = new OcmfMeterSigner(options.MeterSerial);
        _randomDelayMaxDuration = options.RandomDelayMaxDuration;
        _offeredHistory.Enqueue((now, 0));
        _outputs.Add(new ReadinessChanged(IsReady, options.WaitForExternalReady));
        _outputs.Add(new OfferedLimitChanged(0, options.Phases));
    }

    private enum ChargePhase
    {
        Idle,
        AuthorizedWaitingForVehicle,
        AuthRequired,
        WaitingForEnergy,
        PrepareCharging,
        Charging,
        PausedByVehicle,
        PausedByEvse,
        FinishedByEvse,
        FinishedByVehicle,
    }

    public EvseSimulationOptions Options { get; }

    public string EvseId => Options.EvseId;

    /// <summary>The time the simulation has been advanced to.</summary>
    public DateTimeOffset Now => _now;

    public EvseState State => !IsEnabled ? EvseState.Disabled : _phase switch
    {
        ChargePhase.Idle => _reservationId is null ? EvseState.Unplugged : EvseState.Reserved,
        ChargePhase.AuthorizedWaitingForVehicle => EvseState.Preparing,
        ChargePhase.AuthRequired => EvseState.AuthRequired,
        ChargePhase.WaitingForEnergy => EvseState.WaitingForEnergy,
        ChargePhase.PrepareCharging => EvseState.Preparing,
        ChargePhase.Charging => EvseState.Charging,
        ChargePhase.PausedByVehicle => EvseState.ChargingPausedEV,
        ChargePhase.PausedByEvse => EvseState.ChargingPausedEVSE,
        ChargePhase.FinishedByEvse => EvseState.FinishedEVSE,
        ChargePhase.FinishedByVehicle => EvseState.FinishedEV,
        _ => EvseState.Unknown,
    };

    public bool IsEnabled => _enableTable.IsEnabled;

    public IReadOnlyList<EnableSetting> EnableEntries => _enableTable.Entries;

    public int? ReservationId => _reservationId;

    public SimulatedVehicle? Vehicle { get; private set; }

    /// <summary>The current session's uuid, or null between sessions.</summary>
    public string? SessionUuid => _session?.Uuid;

    public DateTimeOffset? SessionStartedAt => _session?.StartedAt;

    public bool HasTransaction => _session?.TransactionStartedAt is not null;

    public DateTimeOffset? TransactionStartedAt => _session?.TransactionStartedAt;

    /// <summary>A session that ended most recently: its start and end (for <c>session_info</c>).</summary>
    public (DateTimeOffset Start, DateTimeOffset End)? LastSession { get; private set; }

    /// <summary>A transaction that ended most recently: its start and end (for <c>session_info</c>).</summary>
    public (DateTimeOffset Start, DateTimeOffset End)? LastTransaction { get; private set; }

    /// <summary>Energy imported in the current session so far, in Wh.</summary>
    public double SessionEnergyWh => _session is null ? 0 : (_meterMilliWh - _session.SessionStartMilliWh) / 1000.0;

    /// <summary>The per-phase current offered to the car right now (0 when it may not charge).</summary>
    public double OfferedCurrentA { get; private set; }

    /// <summary>The per-phase current the car draws right now.</summary>
    public double ActualCurrentA { get; private set; }

    /// <summary>Phases the car actually loads (0 without a car).</summary>
    public int ActivePhases => Vehicle is null ? 0 : Math.Min(Vehicle.Profile.Phases, Options.Phases);

    public MeterReading Meter => new(
        _now,
        _meterMilliWh,
        ActivePhases >= 1 ? ActualCurrentA : 0,
        ActivePhases >= 2 ? ActualCurrentA : 0,
        ActivePhases >= 3 ? ActualCurrentA : 0,
        Options.VoltageV);

    public ExternalLimitSchedule ExternalLimits => _externalLimits;

    /// <summary>EvseManager's <c>ready</c>: initialised, and released by the controller when it gates readiness.</summary>
    public bool IsReady => !Options.WaitForExternalReady || _externallyReady;

    public bool RandomDelayEnabled => _randomDelayEnabled;

    public RandomDelayStatus RandomDelay => _randomDelay is { } delay
        ? new RandomDelayStatus((int)Math.Ceiling(Math.Max(0, (delay.End - _now).TotalSeconds)), 0, Options.MaxCurrentA, delay.Start)
        : new RandomDelayStatus(0, 0, Options.MaxCurrentA, null);

    /// <summary>The OCMF public key of this EVSE's meter (hex DER).</summary>
    public string MeterPublicKey => _signer.PublicKeyHex;

    /// <summary>Returns and forgets everything emitted since the last call, in order.</summary>
    public IReadOnlyList<EvseOutput> DrainOutputs()
    {
        if (_outputs.Count == 0)
        {
            return [];
        }

        EvseOutput[] drained = [.. _outputs];
        _outputs.Clear();
        return drained;
    }

    public void Dispose() => _signer.Dispose();

    private void Emit(SessionEventKind kind, Func<SessionEventRecord, SessionEventRecord>? details = null)
    {
        var record = new SessionEventRecord(kind, _session?.Uuid ?? string.Empty, _now, Meter);
        _outputs.Add(new SessionEventOutput(details is null ? record : details(record)));
    }

    private string NewUuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    /// <summary>What the EVSE knows about the running session and transaction.</summary>
    private sealed class SessionState(string uuid, DateTimeOffset startedAt, long sessionStartMilliWh)
    {
        public string Uuid { get; } = uuid;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public long SessionStartMilliWh { get; } = sessionStartMilliWh;

        public IdToken? IdTag { get; set; }

        public int? PendingReservationId { get; set; }

        public DateTimeOffset? TransactionStartedAt { get; set; }

        public SignedMeterValue? StartSignedMeterValue { get; set; }
    }
}
