using Everest.Site.EverestApi;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>
/// The whole configuration, bound from section <c>everest-site</c>. Every default lives in <c>hocon/reference.conf</c>
/// (documented there), not in these classes; only fields of array elements, which reference.conf cannot give
/// defaults for, carry their defaults here.
/// </summary>
public sealed class EverestSiteOptions
{
    public const string SectionName = "everest-site";

    [ConfigurationKeyName("site-id")]
    public string SiteId { get; set; } = "";

    public MqttOptions Mqtt { get; set; } = new();

    /// <summary>The EVerest API library's own options type, bound directly: one definition of those settings.</summary>
    [ConfigurationKeyName("everest-api")]
    public EverestApiOptions EverestApi { get; set; } = new();

    public PersistenceOptions Persistence { get; set; } = new();

    public GridOptions Grid { get; set; } = new();

    public List<CircuitOptions> Circuits { get; set; } = [];

    public List<ChargerOptions> Chargers { get; set; } = [];

    public AllocationOptions Allocation { get; set; } = new();

    public ReservationsOptions Reservations { get; set; } = new();

    public FirmwareOptions Firmware { get; set; } = new();

    public SystemOptions System { get; set; } = new();

    public BillingOptions Billing { get; set; } = new();

    public HttpOptions Http { get; set; } = new();

    public SimulatorOptions Simulator { get; set; } = new();

    public ObservabilityOptions Observability { get; set; } = new();

    public LoggingOptions Logging { get; set; } = new();
}
