using Everest.Site.EverestApi;
using Everest.Site.Simulator.GroundTruth;
using Microsoft.Extensions.Logging;
using Wire = Everest.Site.EverestApi.Messages;

namespace Everest.Site.Simulator.Site;

/// <summary>
/// The simulated side of a firmware installation. The controller installs (its install command, or here nothing);
/// what a charger then does is reboot. When the controller publishes <c>InstallRebooting</c> for a charger, that
/// charger's EVerest goes down for <see cref="SimulatorOptions.FirmwareRebootDuration"/>: none of its modules sends a
/// heartbeat (the controller sees its EVSEs go offline), then they come back counting from 0, as a restarted EVerest
/// does, and EVerest asks the controller <c>get_boot_reason</c>.
/// </summary>
public sealed partial class SiteSimulator
{
    /// <summary>Chargers whose EVerest is down, with the request that made it reboot and when it went down and comes back.</summary>
    private readonly Dictionary<string, (int RequestId, DateTimeOffset DownAt, DateTimeOffset UpAt)> _rebooting = new(StringComparer.Ordinal);

    /// <summary>Each charger's simulated firmware version: 1 until its first installation.</summary>
    private readonly Dictionary<string, int> _firmwareVersions = new(StringComparer.Ordinal);

    /// <summary>The simulated firmware version of <paramref name="chargerId"/> (1 until an installation completed).</summary>
    public Task<int> FirmwareVersionAsync(string chargerId) =>
        InspectAsync(_ => _firmwareVersions.GetValueOrDefault(Charger(chargerId).Id, 1));

    private void OnFirmwareUpdateStatus(ChargerRuntime charger, Wire.FirmwareUpdateStatus status, DateTimeOffset now)
    {
        if (status.State.Value != "InstallRebooting" || _rebooting.ContainsKey(charger.Options.Id))
        {
            return;
        }

        var upAt = now + _options.FirmwareRebootDuration;
        _rebooting[charger.Options.Id] = (status.RequestId, now, upAt);
        _logger.LogInformation("Charger {ChargerId} reboots into the firmware of request {RequestId}; its EVerest is back at {UpAt:O}", charger.Options.Id, status.RequestId, upAt);
    }

    /// <summary>Whether <paramref name="instance"/> belongs to a charger whose EVerest is rebooting.</summary>
    private bool IsDown(ApiInstance instance) => _rebooting.Count > 0 && _rebooting.ContainsKey(ChargerIdOf(instance));

    /// <summary>Brings back every charger whose reboot is over.</summary>
    private void FinishReboots(DateTimeOffset now)
    {
        foreach (var (chargerId, reboot) in _rebooting.Where(r => r.Value.UpAt <= now).ToList())
        {
            _rebooting.Remove(chargerId);
            var version = _firmwareVersions.GetValueOrDefault(chargerId, 1) + 1;
            _firmwareVersions[chargerId] = version;
            foreach (var instance in _instances.Values.Where(i => ChargerIdOf(i) == chargerId))
            {
                instance.NextHeartbeat = 0;
                instance.NextHeartbeatAt = now;
            }

            GroundTruth.RecordReboot(new SimulatedReboot(chargerId, reboot.RequestId, reboot.DownAt, now, version));
            _logger.LogInformation("Charger {ChargerId} is back after its firmware installation (firmware version {Version})", chargerId, version);
            _ = AskBootReasonAfterRebootAsync(chargerId);
        }
    }

    private async Task AskBootReasonAfterRebootAsync(string chargerId)
    {
        try
        {
            var reply = await AskBootReasonAsync(chargerId, _stopping.Token);
            if (reply.Answered)
            {
                _logger.LogInformation("Charger {ChargerId} booted; the controller gives boot reason {BootReason}", chargerId, reply.Value!.Value);
            }
            else
            {
                _logger.LogWarning("Charger {ChargerId} booted; the controller did not answer get_boot_reason", chargerId);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The simulator stops.
        }
    }

    private string ChargerIdOf(ApiInstance instance) => instance.Api switch
    {
        EverestApiType.EvseManagerConsumer => _evsesByModule[instance.ModuleId].Charger.Id,
        EverestApiType.ExternalEnergyLimitsConsumer => _evsesByLimitsModule[instance.ModuleId].Charger.Id,
        _ => _chargersByModule[instance.ModuleId].Options.Id,
    };
}
