namespace Everest.Site.Simulator.GroundTruth;

/// <summary>A charger's EVerest rebooted after a firmware installation: down from <paramref name="DownAt"/>, back at <paramref name="UpAt"/>.</summary>
/// <param name="RequestId">The firmware request whose <c>InstallRebooting</c> started the reboot.</param>
/// <param name="FirmwareVersion">The simulated firmware version it came back with (counts installations from 1).</param>
public sealed record SimulatedReboot(string ChargerId, int RequestId, DateTimeOffset DownAt, DateTimeOffset UpAt, int FirmwareVersion);
