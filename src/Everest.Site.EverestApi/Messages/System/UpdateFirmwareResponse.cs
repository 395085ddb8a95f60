using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Answer to an <c>update_firmware</c> request. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<UpdateFirmwareResponse>))]
public readonly record struct UpdateFirmwareResponse(string Value) : IWireEnum<UpdateFirmwareResponse>
{
    public static readonly UpdateFirmwareResponse Accepted = new("Accepted");
    public static readonly UpdateFirmwareResponse Rejected = new("Rejected");
    public static readonly UpdateFirmwareResponse AcceptedCanceled = new("AcceptedCanceled");
    public static readonly UpdateFirmwareResponse InvalidCertificate = new("InvalidCertificate");
    public static readonly UpdateFirmwareResponse RevokedCertificate = new("RevokedCertificate");

    public static IReadOnlyList<UpdateFirmwareResponse> Known { get; } = [Accepted, Rejected, AcceptedCanceled, InvalidCertificate, RevokedCertificate];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static UpdateFirmwareResponse FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
