namespace Everest.Site.Firmware;

/// <summary>Registry key of the <see cref="FirmwareRolloutActor"/> (<c>/user/firmware</c>), parent of the system actors.</summary>
public sealed class FirmwareKey;
