using System.Diagnostics.CodeAnalysis;

namespace Everest.Site.EverestApi;

/// <summary>The wire names of <see cref="EverestApiType"/> (the <c>{api}</c> topic segment).</summary>
public static class EverestApiTypeNames
{
    public const string EvseManagerConsumer = "evse_manager_consumer";
    public const string System = "system";
    public const string ExternalEnergyLimitsConsumer = "external_energy_limits_consumer";
    public const string OcppConsumer = "ocpp_consumer";
    public const string SessionCost = "session_cost";

    /// <summary>Every API we implement, in declaration order.</summary>
    public static IReadOnlyList<EverestApiType> All { get; } = Enum.GetValues<EverestApiType>();

    public static string ToWireName(this EverestApiType api) => api switch
    {
        EverestApiType.EvseManagerConsumer => EvseManagerConsumer,
        EverestApiType.System => System,
        EverestApiType.ExternalEnergyLimitsConsumer => ExternalEnergyLimitsConsumer,
        EverestApiType.OcppConsumer => OcppConsumer,
        EverestApiType.SessionCost => SessionCost,
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, "Not an EVerest API type."),
    };

    public static bool TryParse(string? wireName, [NotNullWhen(true)] out EverestApiType? api)
    {
        api = wireName switch
        {
            EvseManagerConsumer => EverestApiType.EvseManagerConsumer,
            System => EverestApiType.System,
            ExternalEnergyLimitsConsumer => EverestApiType.ExternalEnergyLimitsConsumer,
            OcppConsumer => EverestApiType.OcppConsumer,
            SessionCost => EverestApiType.SessionCost,
            _ => null,
        };
        return api is not null;
    }
}
