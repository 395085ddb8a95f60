using Everest.Site.Simulator.Vehicles;

namespace Everest.Site.Simulator.Evse;

/// <summary>Cars arriving and leaving, authorization, and the transaction lifecycle.</summary>
public sealed partial class EvseSimulation
{
    /// <summary>
    /// A car plugs in. Refused (false) while another car is plugged in, while the EVSE is disabled, or when it is
    /// reserved for a reservation the driver does not hold.
    /// </summary>
    public bool PlugIn(SimulatedVehicle vehicle, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        AdvanceTo(now);
        if (Vehicle is not null || !IsEnabled || _phase is not (ChargePhase.Idle or ChargePhase.AuthorizedWaitingForVehicle))
        {
            return false;
        }

        if (_reservationId is { } reserved && vehicle.ReservationId != reserved && _session?.PendingReservationId != reserved)
        {
            return false;
        }

        Vehicle = vehicle;
        _vehicleDrawing = false;
        _outputs.Add(new VehicleConnected(vehicle));
        if (_phase == ChargePhase.AuthorizedWaitingForVehicle && _session is { IdTag: { } authorizedToken })
        {
            BeginTransaction(authorizedToken, _session.PendingReservationId ?? vehicle.ReservationId);
        }
        else
        {
            StartSession(StartSessionReason.EVConnected, idTag: null);
            _phase = ChargePhase.AuthRequired;
            Emit(SessionEventKind.AuthRequired);
            if (Options.AuthorizationMode == AuthorizationMode.Local)
            {
                _localAuthorizationDueAt = now + Options.LocalAuthorizationDelay;
            }
        }

        Settle();
        return true;
    }

    /// <summary>
    /// The driver comes back: some stop the transaction with their card first and unplug a little later,
    /// the others just unplug.
    /// </summary>
    public void Depart(DateTimeOffset now)
    {
        AdvanceTo(now);
        if (Vehicle is null)
        {
            return;
        }

        if (HasTransaction && _random.NextDouble() < Options.LocalStopProbability)
        {
            FinishTransaction(StopReason.Local, Vehicle.Token, byVehicle: false);
            _unplugDueAt = now + TimeSpan.FromSeconds(10);
            Settle();
            return;
        }

        Unplug();
    }

    /// <summary>
    /// <c>authorize_response</c>: an accepted token authorizes the waiting car (or, with no car yet, the next
    /// car to plug in). <paramref name="reservationId"/> is the reservation the token holds, if any.
    /// </summary>
    public bool Authorize(IdToken token, bool accepted, int? reservationId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        AdvanceTo(now);
        if (!accepted || !IsEnabled)
        {
            return false;
        }

        switch (_phase)
        {
            case ChargePhase.AuthRequired:
                _localAuthorizationDueAt = null;
                _session!.IdTag = token;
                Emit(SessionEventKind.Authorized, e => e with { IdTag = token });
                BeginTransaction(token, reservationId ?? Vehicle?.ReservationId);
                Settle();
                return true;
            case ChargePhase.Idle when Vehicle is null:
                if (_reservationId is { } reserved && reservationId != reserved)
                {
                    return false;
                }

                StartSession(StartSessionReason.Authorized, token);
                _session!.PendingReservationId = reservationId;
                _phase = ChargePhase.AuthorizedWaitingForVehicle;
                Emit(SessionEventKind.Authorized, e => e with { IdTag = token });
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// <c>withdraw_authorization</c>: an authorization that has not led to a transaction yet is withdrawn;
    /// a running transaction is not affected.
    /// </summary>
    public bool WithdrawAuthorization(DateTimeOffset now)
    {
        AdvanceTo(now);
        switch (_phase)
        {
            case ChargePhase.AuthorizedWaitingForVehicle:
                Emit(SessionEventKind.Deauthorized, e => e with { IdTag = _session?.IdTag });
                EndSession();
                return true;
            case ChargePhase.AuthRequired when _localAuthorizationDueAt is not null:
                _localAuthorizationDueAt = null;
                return true;
            default:
                return false;
        }
    }

    private void StartSession(StartSessionReason reason, IdToken? idTag)
    {
        _session = new SessionState(NewUuid(), _now, _meterMilliWh) { IdTag = idTag };
        Emit(SessionEventKind.SessionStarted, e => e with { StartReason = reason, IdTag = idTag });
    }

    private void BeginTransaction(IdToken token, int? reservationId)
    {
        var session = _session!;
        session.IdTag = token;
        session.TransactionStartedAt = _now;

        // A reservation used by its driver ends silently: no ReservationEnd, only reservation_id here.
        int? usedReservation = null;
        if (reservationId is { } id && _reservationId == id)
        {
            usedReservation = id;
            _reservationId = null;
        }

        var signed = _signer.Sign(Meter, token, 'B');
        session.StartSignedMeterValue = signed;
        Emit(SessionEventKind.TransactionStarted, e => e with { IdTag = token, SignedMeterValue = signed, ReservationId = usedReservation });

        if (_randomDelayEnabled && _randomDelayMaxDuration > TimeSpan.Zero)
        {
            var delay = TimeSpan.FromSeconds(_random.Next(1, (int)_randomDelayMaxDuration.TotalSeconds + 1));
            _randomDelay = (_now, _now + delay);
            _outputs.Add(new RandomDelayChanged(RandomDelay));
        }

        _phase = ChargePhase.WaitingForEnergy;
        OfferedCurrentA = ComputeOfferedCurrent();
        if (OfferedCurrentA > 0)
        {
            EnterPrepareCharging();
        }
        else
        {
            Emit(SessionEventKind.WaitingForEnergy);
        }
    }

    private void FinishTransaction(StopReason reason, IdToken? idTag, bool byVehicle)
    {
        var session = _session!;
        // An EVSE-side stop first winds the charging down; an unplugged car has already stopped by itself.
        if (reason != StopReason.EVDisconnected)
        {
            Emit(SessionEventKind.StoppingCharging);
        }

        Emit(SessionEventKind.ChargingFinished);
        var signed = _signer.Sign(Meter, session.IdTag, 'E');
        Emit(SessionEventKind.TransactionFinished, e => e with
        {
            StopReason = reason,
            IdTag = idTag,
            SignedMeterValue = signed,
            StartSignedMeterValue = session.StartSignedMeterValue,
        });
        LastTransaction = (session.TransactionStartedAt!.Value, _now);
        session.TransactionStartedAt = null;
        _phase = byVehicle ? ChargePhase.FinishedByVehicle : ChargePhase.FinishedByEvse;
        _randomDelay = null;
        _vehiclePauseUntil = null;
        _prepareChargingUntil = null;
    }

    private void Unplug()
    {
        if (Vehicle is null)
        {
            return;
        }

        if (HasTransaction)
        {
            FinishTransaction(StopReason.EVDisconnected, idTag: null, byVehicle: true);
        }

        Vehicle = null;
        _vehicleDrawing = false;
        ActualCurrentA = 0;
        _unplugDueAt = null;
        _localAuthorizationDueAt = null;
        CloseExceedance();
        _outputs.Add(new VehicleDisconnected());
        EndSession();
        Settle();
    }

    private void EndSession()
    {
        if (_session is { } session)
        {
            Emit(SessionEventKind.SessionFinished);
            LastSession = (session.StartedAt, _now);
        }

        _session = null;
        _phase = ChargePhase.Idle;
    }

    private void EnterPrepareCharging()
    {
        _phase = ChargePhase.PrepareCharging;
        _prepareChargingUntil = _now + Options.PrepareChargingDuration;
        Emit(SessionEventKind.PrepareCharging);
        if (Options.IsDc)
        {
            // The cable check before DC charging measures the isolation of the output.
            _outputs.Add(new IsolationMeasured(ResistanceOhm: 5_000_000 + _random.Next(0, 1_000_000), VoltageV: 500));
        }
    }
}
