namespace Everest.Site.Simulator.Evse;

/// <summary>The commands of the evse_manager_consumer and external_energy_limits_consumer APIs.</summary>
public sealed partial class EvseSimulation
{
    /// <summary>
    /// <c>enable_disable</c>: records the source's entry and returns whether the EVSE is enabled afterwards
    /// (which may differ from the request when a stronger source decides). An unknown connector changes nothing.
    /// </summary>
    public bool EnableDisable(int connectorId, EnableSetting setting, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(setting);
        AdvanceTo(now);
        if (connectorId is not (0 or 1))
        {
            return IsEnabled;
        }

        var wasEnabled = IsEnabled;
        _enableTable.Apply(setting);
        if (IsEnabled != wasEnabled)
        {
            var decisive = _enableTable.Winner ?? setting;
            Emit(IsEnabled ? SessionEventKind.Enabled : SessionEventKind.Disabled, e => e with { Source = decisive });
        }

        Settle();
        return IsEnabled;
    }

    /// <summary><c>reserve</c>: succeeds only when idle, enabled, and not reserved under another id.</summary>
    public bool Reserve(int reservationId, DateTimeOffset now)
    {
        AdvanceTo(now);
        if (_phase != ChargePhase.Idle || Vehicle is not null || !IsEnabled)
        {
            return false;
        }

        if (_reservationId is { } existing)
        {
            return existing == reservationId;
        }

        _reservationId = reservationId;
        Emit(SessionEventKind.ReservationStart, e => e with { ReservationId = reservationId });
        return true;
    }

    /// <summary><c>cancel_reservation</c>: ends the reservation in force, if any (ReservationEnd).</summary>
    public bool CancelReservation(DateTimeOffset now)
    {
        AdvanceTo(now);
        if (_reservationId is not { } reservationId)
        {
            return false;
        }

        _reservationId = null;
        Emit(SessionEventKind.ReservationEnd, e => e with { ReservationId = reservationId });
        return true;
    }

    /// <summary><c>pause_charging</c>: succeeds only while charging; the pause is sticky until <see cref="ResumeCharging"/>.</summary>
    public bool PauseCharging(DateTimeOffset now)
    {
        AdvanceTo(now);
        if (_phase != ChargePhase.Charging)
        {
            return false;
        }

        _phase = ChargePhase.PausedByEvse;
        Emit(SessionEventKind.ChargingPausedEVSE);
        Settle();
        return true;
    }

    /// <summary>
    /// <c>resume_charging</c>: succeeds only from ChargingPausedEVSE with a transaction; the session then goes
    /// WaitingForEnergy → PrepareCharging → ChargingStarted (never ChargingResumed).
    /// </summary>
    public bool ResumeCharging(DateTimeOffset now)
    {
        AdvanceTo(now);
        if (_phase != ChargePhase.PausedByEvse || !HasTransaction)
        {
            return false;
        }

        _phase = ChargePhase.WaitingForEnergy;
        Emit(SessionEventKind.WaitingForEnergy);
        Settle();
        return true;
    }

    /// <summary><c>stop_transaction</c>: ends the running transaction (false when there is none).</summary>
    public bool StopTransaction(StopReason reason, IdToken? idTag, DateTimeOffset now)
    {
        AdvanceTo(now);
        if (!HasTransaction)
        {
            return false;
        }

        FinishTransaction(reason, idTag, byVehicle: false);
        Settle();
        return true;
    }

    /// <summary><c>force_unlock</c>: true for this EVSE's connector (1, or 0 for "the EVSE's connector").</summary>
    public bool ForceUnlock(int connectorId, DateTimeOffset now)
    {
        AdvanceTo(now);
        return connectorId is 0 or 1;
    }

    /// <summary><c>set_external_limits</c>: replaces the schedule; its last entry stays in force forever.</summary>
    public void SetExternalLimits(ExternalLimitSchedule schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        AdvanceTo(now);
        _externalLimits = schedule;
        _outputs.Add(new ExternalLimitsChanged(schedule));
        Settle();
    }

    /// <summary><c>external_ready_to_start_charging</c>: true when the EVSE was waiting for it.</summary>
    public bool ExternalReadyToStartCharging(DateTimeOffset now)
    {
        AdvanceTo(now);
        if (!Options.WaitForExternalReady || _externallyReady)
        {
            return false;
        }

        _externallyReady = true;
        _outputs.Add(new ReadinessChanged(Ready: true, WaitingForExternalReady: false));
        Settle();
        return true;
    }

    /// <summary><c>random_delay_enable</c>: later transactions start after a random delay.</summary>
    public void EnableRandomDelay(DateTimeOffset now)
    {
        AdvanceTo(now);
        _randomDelayEnabled = true;
        _outputs.Add(new RandomDelayChanged(RandomDelay));
    }

    /// <summary><c>random_delay_disable</c>: no more delays; a running one ends now.</summary>
    public void DisableRandomDelay(DateTimeOffset now)
    {
        AdvanceTo(now);
        _randomDelayEnabled = false;
        EndRandomDelay();
        Settle();
    }

    /// <summary><c>random_delay_cancel</c>: a running delay ends as if its time were up.</summary>
    public void CancelRandomDelay(DateTimeOffset now)
    {
        AdvanceTo(now);
        EndRandomDelay();
        Settle();
    }

    /// <summary><c>random_delay_set_duration_s</c>: the maximum delay; negative values are refused.</summary>
    public bool SetRandomDelayMaxDuration(int seconds, DateTimeOffset now)
    {
        AdvanceTo(now);
        if (seconds < 0)
        {
            return false;
        }

        _randomDelayMaxDuration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    private void EndRandomDelay()
    {
        if (_randomDelay is null)
        {
            return;
        }

        _randomDelay = null;
        _outputs.Add(new RandomDelayChanged(RandomDelay));
    }
}
