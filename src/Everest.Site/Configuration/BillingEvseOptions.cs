using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>One entry of <c>billing.evses</c>: how CDRs name an EVSE and its connector.</summary>
public sealed class BillingEvseOptions
{
    /// <summary>The EVSE's id in <c>chargers[].evses[]</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The EVSE id CDRs show (eMI3, e.g. <c>DE*EVS*E123456*1</c>, or as EVerest reports it); null: the configured id.</summary>
    [ConfigurationKeyName("evse-id")]
    public string? EvseId { get; set; }

    /// <summary>Connector id within the EVSE (default 1).</summary>
    [ConfigurationKeyName("connector-id")]
    public string ConnectorId { get; set; } = "1";

    /// <summary>Null: <c>billing.connector.standard</c>.</summary>
    [ConfigurationKeyName("connector-standard")]
    public string? ConnectorStandard { get; set; }

    /// <summary>Null: <c>billing.connector.format</c>.</summary>
    [ConfigurationKeyName("connector-format")]
    public string? ConnectorFormat { get; set; }

    /// <summary>Null: <c>billing.connector.power-type</c>.</summary>
    [ConfigurationKeyName("power-type")]
    public string? PowerType { get; set; }
}
