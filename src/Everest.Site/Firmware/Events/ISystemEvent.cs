namespace Everest.Site.Firmware.Events;

/// <summary>What a system actor (persistence id <c>system-{charger}</c>) keeps in its journal: its firmware update and boot reason.</summary>
public interface ISystemEvent
{
    DateTimeOffset At { get; }
}
