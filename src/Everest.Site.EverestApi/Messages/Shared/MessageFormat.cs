using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Format of a display message. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<MessageFormat>))]
public readonly record struct MessageFormat(string Value) : IWireEnum<MessageFormat>
{
    public static readonly MessageFormat ASCII = new("ASCII");
    public static readonly MessageFormat HTML = new("HTML");
    public static readonly MessageFormat URI = new("URI");
    public static readonly MessageFormat UTF8 = new("UTF8");
    public static readonly MessageFormat QRCODE = new("QRCODE");

    public static IReadOnlyList<MessageFormat> Known { get; } = [ASCII, HTML, URI, UTF8, QRCODE];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static MessageFormat FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
