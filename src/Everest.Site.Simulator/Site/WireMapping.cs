using Everest.Site.Simulator.Evse;
using Everest.Site.Simulator.Vehicles;
using Wire = Everest.Site.EverestApi.Messages;

namespace Everest.Site.Simulator.Site;

/// <summary>Translates between the simulator's domain values and the EVerest API payload records (the edge).</summary>
internal static class WireMapping
{
    /// <summary>DC chargers in the simulation charge a battery at this voltage.</summary>
    public const double DcBatteryVoltageV = 400;

    public static Wire.Powermeter ToPowermeter(MeterReading reading, string meterId, bool isDc)
    {
        var powerW = reading.PowerW;
        return new Wire.Powermeter(
            reading.Timestamp,
            new Wire.PhaseValues(Total: reading.EnergyImportWh),
            MeterId: meterId,
            PowerW: isDc ? new Wire.PhaseValues(Total: powerW) : new Wire.PhaseValues(powerW, reading.CurrentL1A * reading.VoltageV, reading.CurrentL2A * reading.VoltageV, reading.CurrentL3A * reading.VoltageV),
            VoltageV: isDc ? new Wire.VoltageValues(Dc: DcBatteryVoltageV) : new Wire.VoltageValues(L1: reading.VoltageV, L2: reading.VoltageV, L3: reading.VoltageV),
            CurrentA: isDc ? new Wire.CurrentValues(Dc: Math.Round(powerW / DcBatteryVoltageV, 3)) : new Wire.CurrentValues(L1: reading.CurrentL1A, L2: reading.CurrentL2A, L3: reading.CurrentL3A, N: 0));
    }

    public static Wire.SessionEvent ToSessionEvent(SessionEventRecord record, string meterId, bool isDc)
    {
        var meter = ToPowermeter(record.Meter, meterId, isDc);
        var wire = new Wire.SessionEvent(record.SessionUuid, Wire.SessionEventType.FromWire(record.Kind.ToString()), record.Timestamp, ConnectorId: 1);
        return record.Kind switch
        {
            SessionEventKind.SessionStarted => wire with
            {
                SessionStarted = new Wire.SessionStarted(
                    Wire.StartSessionReason.FromWire((record.StartReason ?? StartSessionReason.EVConnected).ToString()),
                    meter,
                    IdTag: ToProvidedIdToken(record.IdTag),
                    ReservationId: record.ReservationId),
            },
            SessionEventKind.SessionFinished => wire with { SessionFinished = new Wire.SessionFinished(meter) },
            SessionEventKind.TransactionStarted => wire with
            {
                TransactionStarted = new Wire.TransactionStarted(
                    ToProvidedIdToken(record.IdTag) ?? ToProvidedIdToken(new IdToken("UNKNOWN"))!,
                    meter,
                    ToSigned(record.SignedMeterValue),
                    record.ReservationId),
            },
            SessionEventKind.TransactionFinished => wire with
            {
                TransactionFinished = new Wire.TransactionFinished(
                    meter,
                    ToSigned(record.StartSignedMeterValue),
                    ToSigned(record.SignedMeterValue),
                    record.StopReason is { } reason ? Wire.StopTransactionReason.FromWire(reason.ToString()) : null,
                    ToProvidedIdToken(record.IdTag)),
            },
            SessionEventKind.ChargingStarted or SessionEventKind.ChargingResumed or SessionEventKind.ChargingPausedEV or SessionEventKind.ChargingPausedEVSE =>
                wire with { ChargingStateChangedEvent = new Wire.ChargingStateChangedEvent(meter) },
            SessionEventKind.Authorized or SessionEventKind.Deauthorized => wire with { AuthorizationEvent = new Wire.AuthorizationEvent(meter) },
            SessionEventKind.Enabled or SessionEventKind.Disabled when record.Source is { } source => wire with { Source = ToSource(source) },
            _ => wire,
        };
    }

    public static Wire.ProvidedIdToken? ToProvidedIdToken(IdToken? token) => token is null
        ? null
        : new Wire.ProvidedIdToken(
            new Wire.IdToken(token.Value, Wire.IdTokenType.FromWire(token.TokenType)),
            Wire.AuthorizationType.FromWire(token.AuthorizationType));

    public static IdToken FromProvidedIdToken(Wire.ProvidedIdToken token) =>
        new(token.IdToken.Value, token.IdToken.Type.Value ?? "Local", token.AuthorizationType.Value ?? "OCPP");

    public static Wire.SignedMeterValue? ToSigned(SignedMeterValue? value) => value is null
        ? null
        : new Wire.SignedMeterValue(value.SignedMeterData, value.SigningMethod, value.EncodingMethod, value.PublicKey);

    public static Wire.EnableDisableSource ToSource(EnableSetting setting) => new(
        Wire.EnableSource.FromWire(setting.Source.ToString()),
        Wire.EnableState.FromWire(setting.State.ToString()),
        setting.Priority);

    /// <summary>Null when the source or state is a spelling this simulator does not know.</summary>
    public static EnableSetting? FromSource(Wire.EnableDisableSource source) =>
        Enum.TryParse<EnableSource>(source.EnableSource.Value, ignoreCase: false, out var who)
        && Enum.TryParse<EnableState>(source.EnableState.Value, ignoreCase: false, out var state)
        && Enum.IsDefined(who) && Enum.IsDefined(state)
            ? new EnableSetting(who, state, source.EnablePriority)
            : null;

    public static StopReason FromStopReason(Wire.StopTransactionReason reason) =>
        Enum.TryParse<StopReason>(reason.Value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed : StopReason.Other;

    /// <summary>
    /// Reduces an import schedule to a per-phase current: the tightest of the root and leaves side current
    /// limits and of the total power limit spread over the EVSE's phases; a setpoint current caps it too.
    /// </summary>
    public static ExternalLimitSchedule FromExternalLimits(Wire.ExternalLimits limits, double voltageV, int phases)
    {
        var entries = limits.ScheduleImport.Select(entry =>
        {
            var limit = CurrentLimit.None
                .Min(FromLimits(entry.LimitsToRoot, voltageV, phases))
                .Min(FromLimits(entry.LimitsToLeaves, voltageV, phases));
            return new ExternalLimitEntry(entry.Timestamp, limit);
        }).ToList();

        foreach (var setpoint in limits.ScheduleSetpoints)
        {
            if (setpoint.Setpoint?.AcCurrentA is { } current && current >= 0)
            {
                entries.Add(new ExternalLimitEntry(setpoint.Timestamp, CurrentLimit.Of(current)));
            }
        }

        return new ExternalLimitSchedule(entries);
    }

    public static Wire.EnforcedLimits ToEnforcedLimits(string moduleId, ExternalLimitSchedule schedule, double hardwareMaxA, DateTimeOffset now)
    {
        static Wire.LimitsRes Res(double amperes, string source) => new(AcMaxCurrentA: new Wire.NumberWithSource(amperes, source));
        var current = schedule.LimitAt(now).ApplyTo(hardwareMaxA);
        var entries = schedule.Entries.Count == 0
            ? [new Wire.ScheduleResEntry(now, Res(hardwareMaxA, "hardware"))]
            : schedule.Entries.Select(e => new Wire.ScheduleResEntry(e.Start, Res(e.Limit.ApplyTo(hardwareMaxA), "external_limits"))).ToList();
        return new Wire.EnforcedLimits(moduleId, ValidFor: 3600, Res(current, schedule.Entries.Count == 0 ? "hardware" : "external_limits"), entries);
    }

    public static Wire.HardwareCapabilities ToHardwareCapabilities(EvseSimulationOptions options) => new(
        MaxCurrentAImport: options.MaxCurrentA,
        MinCurrentAImport: options.MinCurrentA,
        MaxPhaseCountImport: options.Phases,
        MinPhaseCountImport: 1,
        MaxCurrentAExport: 0,
        MinCurrentAExport: 0,
        MaxPhaseCountExport: options.Phases,
        MinPhaseCountExport: 1,
        SupportsChangingPhasesDuringCharging: false,
        ConnectorType: options.ConnectorType.StartsWith('s') ? Wire.HardwareConnectorType.FromWire("IEC62196Type2Socket") : Wire.HardwareConnectorType.FromWire("IEC62196Type2Cable"));

    public static IReadOnlyList<Wire.EnergyTransferMode> SupportedModes(EvseSimulationOptions options) => options.IsDc
        ? [Wire.EnergyTransferMode.FromWire("DC")]
        : options.Phases == 1
            ? [Wire.EnergyTransferMode.FromWire("AC_single_phase_core")]
            : [Wire.EnergyTransferMode.FromWire("AC_single_phase_core"), Wire.EnergyTransferMode.FromWire("AC_three_phase_core")];

    public static string SelectedProtocol(EvseSimulationOptions options) => options.IsDc ? "ISO15118-2" : "IEC61851-1";

    public static Wire.EvInfo ToEvInfo(SimulatedVehicle vehicle, EvseSimulation evse, DateTimeOffset? departure = null) => new(
        Soc: Math.Round(vehicle.SocPercent, 2),
        PresentCurrent: evse.ActualCurrentA,
        MaximumCurrentLimit: vehicle.Profile.MaxCurrentA,
        MinimumCurrentLimit: evse.Options.MinCurrentA,
        EvccId: vehicle.Profile.EvccId,
        DepartureTime: departure,
        RemainingEnergyNeeded: Math.Max(0, Math.Round(vehicle.Profile.EnergyNeededWh - vehicle.DeliveredWh)),
        BatteryCapacity: vehicle.Profile.BatteryCapacityWh,
        BatteryFullSoc: 100,
        BatteryBulkSoc: vehicle.Profile.TaperStartSocPercent);

    public static Wire.SessionInfo ToSessionInfo(EvseSimulation evse, DateTimeOffset now)
    {
        var meter = evse.Meter;
        var inSession = evse.SessionStartedAt is not null;
        return new Wire.SessionInfo(
            Wire.EvseState.FromWire(evse.State.ToString()),
            ChargedEnergyWh: (long)Math.Floor(evse.SessionEnergyWh),
            DischargedEnergyWh: 0,
            LatestTotalW: (long)Math.Round(meter.PowerW),
            SessionDurationS: evse.SessionStartedAt is { } started ? (long)(now - started).TotalSeconds : 0,
            Timestamp: now,
            SelectedProtocol: inSession && evse.Vehicle is not null ? SelectedProtocol(evse.Options) : null,
            TransactionDurationS: evse.TransactionStartedAt is { } txStart ? (long)(now - txStart).TotalSeconds : null,
            SessionStartTime: evse.SessionStartedAt ?? evse.LastSession?.Start,
            TransactionStartTime: evse.TransactionStartedAt ?? evse.LastTransaction?.Start,
            SessionEndTime: inSession ? null : evse.LastSession?.End,
            TransactionEndTime: evse.TransactionStartedAt is not null ? null : evse.LastTransaction?.End);
    }

    private static CurrentLimit FromLimits(Wire.LimitsReq limits, double voltageV, int phases)
    {
        var limit = CurrentLimit.None;
        if (limits.AcMaxCurrentA is { } current)
        {
            limit = limit.Min(CurrentLimit.Of(Math.Max(0, current.Value)));
        }

        if (limits.TotalPowerW is { } power)
        {
            limit = limit.Min(CurrentLimit.Of(Math.Max(0, power.Value) / (voltageV * phases)));
        }

        return limit;
    }
}
