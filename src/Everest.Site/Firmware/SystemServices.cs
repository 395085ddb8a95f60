using Akka.Actor;
using Everest.Site.EverestApi;

namespace Everest.Site.Firmware;

/// <summary>What the system actors work with besides their settings: the EVSE fleet, EVerest, the network, installers and the clock.</summary>
/// <param name="Fleet">The <see cref="Evse.EvseFleetActor"/>, through which EVSEs are disabled and released.</param>
public sealed record SystemServices(IActorRef Fleet, EverestApiClient Client, IFirmwareDownloader Downloader, IFirmwareInstaller Installer, LogUploader Uploader, TimeProvider Time);
