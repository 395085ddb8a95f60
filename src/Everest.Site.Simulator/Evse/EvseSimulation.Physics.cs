namespace Everest.Site.Simulator.Evse;

/// <summary>Time passing: timers, the offered current, the car following it, the meter, and limit exceedances.</summary>
public sealed partial class EvseSimulation
{
    /// <summary>Advances the simulation to <paramref name="now"/> in steps of at most <see cref="MaxStep"/>.</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        while (_now < now)
        {
            var next = _now + MaxStep < now ? _now + MaxStep : now;
            Step(next);
        }
    }

    private void Step(DateTimeOffset to)
    {
        var elapsed = to - _now;
        _now = to;

        // The car draws what it drew during the step; then the step's events happen at its end.
        IntegrateEnergy(elapsed);
        RunTimers();
        Settle();
        if (_phase == ChargePhase.Charging && Vehicle is not null && !Vehicle.IsSatisfied)
        {
            MaybePauseSpontaneously(elapsed);
        }

        if (_randomDelay is not null)
        {
            _outputs.Add(new RandomDelayChanged(RandomDelay));
        }
    }

    private void RunTimers()
    {
        if (_unplugDueAt is { } unplugAt && unplugAt <= _now)
        {
            Unplug();
        }

        if (_localAuthorizationDueAt is { } authAt && authAt <= _now && _phase == ChargePhase.AuthRequired && Vehicle is not null)
        {
            _localAuthorizationDueAt = null;
            _session!.IdTag = Vehicle.Token;
            Emit(SessionEventKind.Authorized, e => e with { IdTag = Vehicle.Token });
            BeginTransaction(Vehicle.Token, Vehicle.ReservationId);
        }

        if (_randomDelay is { } delay && delay.End <= _now)
        {
            EndRandomDelay();
        }

        if (_vehiclePauseUntil is { } pauseEnd && pauseEnd <= _now)
        {
            _vehiclePauseUntil = null;
            if (_phase == ChargePhase.PausedByVehicle)
            {
                if (ComputeOfferedCurrent() > 0)
                {
                    _phase = ChargePhase.Charging;
                    _vehicleDrawing = true;
                    Emit(SessionEventKind.ChargingResumed);
                }
                else
                {
                    _phase = ChargePhase.WaitingForEnergy;
                    Emit(SessionEventKind.WaitingForEnergy);
                }
            }
        }
    }

    /// <summary>
    /// Recomputes the offered current and takes the transitions it causes. Safe to call any number of times
    /// at the same instant: each transition happens once.
    /// </summary>
    private void Settle()
    {
        var offered = ComputeOfferedCurrent();
        if (Math.Abs(offered - OfferedCurrentA) > 1e-9)
        {
            OfferedCurrentA = offered;
            _outputs.Add(new OfferedLimitChanged(offered, Options.Phases));
        }

        if (_offeredHistory.Last().OfferedA != offered)
        {
            _offeredHistory.Enqueue((_now, offered));
        }

        switch (_phase)
        {
            case ChargePhase.Charging when offered <= 0:
                _phase = ChargePhase.WaitingForEnergy;
                Emit(SessionEventKind.WaitingForEnergy);
                break;
            case ChargePhase.Charging when Vehicle is { IsSatisfied: true }:
                // A full car stops drawing by itself (state B): to EVerest that is a pause by the EV.
                _phase = ChargePhase.PausedByVehicle;
                _vehicleDrawing = false;
                Emit(SessionEventKind.ChargingPausedEV);
                break;
            case ChargePhase.WaitingForEnergy when offered > 0:
                EnterPrepareCharging();
                break;
            case ChargePhase.PrepareCharging when offered <= 0:
                _phase = ChargePhase.WaitingForEnergy;
                _prepareChargingUntil = null;
                Emit(SessionEventKind.WaitingForEnergy);
                break;
            case ChargePhase.PrepareCharging when _prepareChargingUntil is { } until && until <= _now:
                _prepareChargingUntil = null;
                _phase = ChargePhase.Charging;
                _vehicleDrawing = true;
                Emit(SessionEventKind.ChargingStarted);
                break;
            default:
                break;
        }

        UpdateVehicleCurrent();
    }

    private double ComputeOfferedCurrent()
    {
        if (!IsEnabled || !IsReady || _randomDelay is not null
            || _phase is not (ChargePhase.WaitingForEnergy or ChargePhase.PrepareCharging or ChargePhase.Charging or ChargePhase.PausedByVehicle))
        {
            return 0;
        }

        var limit = _externalLimits.LimitAt(_now).ApplyTo(Options.MaxCurrentA);
        return limit < Options.MinCurrentA ? 0 : limit;
    }

    /// <summary>The car follows the offered current with its response delay; it draws only with its contactor closed.</summary>
    private void UpdateVehicleCurrent()
    {
        var followFrom = _now - Options.VehicleResponseDelay;
        while (_offeredHistory.Count > 1 && _offeredHistory.ElementAt(1).At <= followFrom)
        {
            _offeredHistory.Dequeue();
        }

        _vehicleFollowedLimitA = _offeredHistory.Peek().At <= followFrom ? _offeredHistory.Peek().OfferedA : _vehicleFollowedLimitA;
        if (_vehicleDrawing && _vehicleFollowedLimitA <= 0 && _phase != ChargePhase.Charging)
        {
            _vehicleDrawing = false;
        }

        var paused = _phase is ChargePhase.PausedByVehicle;
        ActualCurrentA = _vehicleDrawing && !paused && Vehicle is { } vehicle
            ? Math.Min(_vehicleFollowedLimitA, vehicle.AcceptedCurrentA)
            : 0;
        TrackExceedance();
    }

    private void IntegrateEnergy(TimeSpan elapsed)
    {
        if (ActualCurrentA <= 0 || Vehicle is null)
        {
            return;
        }

        var energyWh = ActualCurrentA * Options.VoltageV * ActivePhases * elapsed.TotalHours;
        _meterFractionMilliWh += energyWh * 1000;
        var whole = (long)Math.Floor(_meterFractionMilliWh);
        _meterFractionMilliWh -= whole;
        _meterMilliWh += whole;
        Vehicle.Absorb(energyWh);
    }

    private void MaybePauseSpontaneously(TimeSpan elapsed)
    {
        var probability = Options.VehiclePausesPerHour * elapsed.TotalHours;
        if (_random.NextDouble() >= probability)
        {
            return;
        }

        var span = Options.VehiclePauseMax - Options.VehiclePauseMin;
        _vehiclePauseUntil = _now + Options.VehiclePauseMin + (span * _random.NextDouble());
        _phase = ChargePhase.PausedByVehicle;
        _vehicleDrawing = false;
        Emit(SessionEventKind.ChargingPausedEV);
        UpdateVehicleCurrent();
    }

    private void TrackExceedance()
    {
        var excess = ActualCurrentA - OfferedCurrentA;
        if (excess > ExceedanceToleranceA)
        {
            _exceedance = _exceedance is { } open
                ? (open.Start, Math.Min(open.LimitA, OfferedCurrentA), Math.Max(open.MaxActualA, ActualCurrentA))
                : (_now, OfferedCurrentA, ActualCurrentA);
        }
        else
        {
            CloseExceedance();
        }
    }

    private void CloseExceedance()
    {
        if (_exceedance is { } open)
        {
            _outputs.Add(new LimitExceeded(new LimitExceedance(EvseId, _session?.Uuid ?? string.Empty, open.Start, _now, open.LimitA, open.MaxActualA)));
            _exceedance = null;
        }
    }
}
