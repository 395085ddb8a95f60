using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Evse;

/// <summary>
/// What the EVSE reports right now, one field per <c>e2m</c> topic, as last received. Not persisted: it is
/// rebuilt from EVerest's next publications after a restart. Payload types are the EVerest API records, kept
/// verbatim (unknown enum values and extra properties included).
/// </summary>
public sealed record EvseLiveState
{
    public static EvseLiveState Initial { get; } = new();

    /// <summary>True while heartbeats arrive within the heartbeat timeout (false until the first one).</summary>
    public bool Online { get; init; }

    public DateTimeOffset? LastHeartbeatAt { get; init; }

    public ulong? LastHeartbeat { get; init; }

    /// <summary>The EVSE id EVerest reports (e.g. <c>DEPNXE123456*1</c>).</summary>
    public string? EvseId { get; init; }

    /// <summary>get_evse's answer: EVerest's EVSE number and its connectors.</summary>
    public Everest.Site.EverestApi.Messages.Evse? Evse { get; init; }

    public HardwareCapabilities? HardwareCapabilities { get; init; }

    public int? PhasesAvailable { get; init; }

    public ProximityPilot? CableAmpacity { get; init; }

    public Limits? Limits { get; init; }

    public EnforcedLimits? EnforcedLimits { get; init; }

    public bool? Ready { get; init; }

    public bool? WaitingForExternalReady { get; init; }

    public string? SelectedProtocol { get; init; }

    public IReadOnlyList<EnergyTransferMode>? SupportedEnergyTransferModes { get; init; }

    public EvInfo? EvInfo { get; init; }

    public CarManufacturer? CarManufacturer { get; init; }

    public bool? DlinkReady { get; init; }

    public DcVoltageCurrent? DcVoltageCurrent { get; init; }

    public DcSupplyMode? DcMode { get; init; }

    public DcCapabilities? DcCapabilities { get; init; }

    public IsolationMeasurement? Isolation { get; init; }

    public RandomDelayCountdown? RandomDelayCountdown { get; init; }

    public SessionInfo? SessionInfo { get; init; }

    /// <summary>The latest session_event, whatever its type (also the ones that are not history).</summary>
    public SessionEvent? LastSessionEvent { get; init; }

    public Powermeter? Powermeter { get; init; }

    /// <summary>The meter's OCMF public key (powermeter_public_key_ocmf), attached to finished transactions.</summary>
    public string? OcmfPublicKey { get; init; }

    /// <summary>
    /// This state with the value of a publication that only updates the live state, chosen by the payload's type;
    /// null when <paramref name="message"/> is not such a publication (heartbeat, session_event, session_info,
    /// powermeter and hw_capabilities need the actor; anything else is not an evse_manager_consumer publication).
    /// </summary>
    public EvseLiveState? With(EverestMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Payload switch
        {
            Limits limits => this with { Limits = limits },
            EnforcedLimits limits => this with { EnforcedLimits = limits },
            EvInfo info => this with { EvInfo = info },
            CarManufacturer manufacturer => this with { CarManufacturer = manufacturer },
            IReadOnlyList<EnergyTransferMode> modes => this with { SupportedEnergyTransferModes = modes },
            int phases => this with { PhasesAvailable = phases },
            ProximityPilot ampacity => this with { CableAmpacity = ampacity },
            IsolationMeasurement isolation => this with { Isolation = isolation },
            DcVoltageCurrent values => this with { DcVoltageCurrent = values },
            DcSupplyMode mode => this with { DcMode = mode },
            DcCapabilities capabilities => this with { DcCapabilities = capabilities },
            RandomDelayCountdown countdown => this with { RandomDelayCountdown = countdown },

            // Three publications carry a bare string and three a bare bool: only the operation tells them apart.
            string text => message.OperationName switch
            {
                "evse_id" => this with { EvseId = text },
                "powermeter_public_key_ocmf" => this with { OcmfPublicKey = text },
                "selected_protocol" => this with { SelectedProtocol = text },
                _ => null,
            },
            bool flag => message.OperationName switch
            {
                "ready" => this with { Ready = flag },
                "waiting_for_external_ready" => this with { WaitingForExternalReady = flag },
                "dlink_ready" => this with { DlinkReady = flag },
                _ => null,
            },
            _ => null,
        };
    }
}
