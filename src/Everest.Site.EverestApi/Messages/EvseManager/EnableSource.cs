using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Source of an enable/disable command or event. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<EnableSource>))]
public readonly record struct EnableSource(string Value) : IWireEnum<EnableSource>
{
    public static readonly EnableSource Unspecified = new("Unspecified");
    public static readonly EnableSource LocalAPI = new("LocalAPI");
    public static readonly EnableSource LocalKeyLock = new("LocalKeyLock");
    public static readonly EnableSource ServiceTechnician = new("ServiceTechnician");
    public static readonly EnableSource RemoteKeyLock = new("RemoteKeyLock");
    public static readonly EnableSource MobileApp = new("MobileApp");
    public static readonly EnableSource FirmwareUpdate = new("FirmwareUpdate");
    public static readonly EnableSource CSMS = new("CSMS");

    public static IReadOnlyList<EnableSource> Known { get; } = [Unspecified, LocalAPI, LocalKeyLock, ServiceTechnician, RemoteKeyLock, MobileApp, FirmwareUpdate, CSMS];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static EnableSource FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
