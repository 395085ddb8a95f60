using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.observability</c>: metrics export and the thresholds of the health checks.</summary>
public sealed class ObservabilityOptions
{
    /// <summary>The OTLP endpoint metrics are exported to (e.g. <c>http://127.0.0.1:4317</c>); empty exports nothing.</summary>
    [ConfigurationKeyName("otlp-endpoint")]
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>The OTLP transport: <c>grpc</c> or <c>http/protobuf</c>.</summary>
    [ConfigurationKeyName("otlp-protocol")]
    public string OtlpProtocol { get; set; } = "";

    /// <summary>How often metrics are exported.</summary>
    [ConfigurationKeyName("export-interval")]
    public TimeSpan ExportInterval { get; set; }

    /// <summary>A projection further behind the journal than this is reported as degraded by the health check.</summary>
    [ConfigurationKeyName("projection-lag-degraded")]
    public TimeSpan ProjectionLagDegraded { get; set; }

    /// <summary>True when <see cref="OtlpEndpoint"/> names an endpoint (a method: options properties are configuration keys).</summary>
    public bool ExportsOtlp() => !string.IsNullOrWhiteSpace(OtlpEndpoint);
}
