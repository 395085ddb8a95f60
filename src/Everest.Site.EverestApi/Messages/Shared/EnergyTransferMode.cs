using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>An energy transfer mode (DIN 70121 / ISO 15118). Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<EnergyTransferMode>))]
public readonly record struct EnergyTransferMode(string Value) : IWireEnum<EnergyTransferMode>
{
    public static readonly EnergyTransferMode AC_single_phase_core = new("AC_single_phase_core");
    public static readonly EnergyTransferMode AC_two_phase = new("AC_two_phase");
    public static readonly EnergyTransferMode AC_three_phase_core = new("AC_three_phase_core");
    public static readonly EnergyTransferMode DC_core = new("DC_core");
    public static readonly EnergyTransferMode DC_extended = new("DC_extended");
    public static readonly EnergyTransferMode DC_combo_core = new("DC_combo_core");
    public static readonly EnergyTransferMode DC_unique = new("DC_unique");
    public static readonly EnergyTransferMode DC = new("DC");
    public static readonly EnergyTransferMode AC_BPT = new("AC_BPT");
    public static readonly EnergyTransferMode AC_BPT_DER = new("AC_BPT_DER");
    public static readonly EnergyTransferMode AC_DER = new("AC_DER");
    public static readonly EnergyTransferMode DC_BPT = new("DC_BPT");
    public static readonly EnergyTransferMode DC_ACDP = new("DC_ACDP");
    public static readonly EnergyTransferMode DC_ACDP_BPT = new("DC_ACDP_BPT");
    public static readonly EnergyTransferMode WPT = new("WPT");

    public static IReadOnlyList<EnergyTransferMode> Known { get; } = [AC_single_phase_core, AC_two_phase, AC_three_phase_core, DC_core, DC_extended, DC_combo_core, DC_unique, DC, AC_BPT, AC_BPT_DER, AC_DER, DC_BPT, DC_ACDP, DC_ACDP_BPT, WPT];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static EnergyTransferMode FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
