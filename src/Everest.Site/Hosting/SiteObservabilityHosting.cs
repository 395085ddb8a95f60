using Everest.Site.Configuration;
using Everest.Site.Diagnostics;
using Everest.Site.EverestApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Everest.Site.Hosting;

/// <summary>The controller's metrics, their OTLP export when configured, and its health checks.</summary>
public static class SiteObservabilityHosting
{
    /// <summary>
    /// Registers <see cref="SiteMetrics"/> (also as the EVerest API client's <see cref="IEverestRequestObserver"/>), the
    /// health checks <c>mqtt-broker</c>, <c>journal</c> and <c>projections</c>, and, when
    /// <c>observability.otlp-endpoint</c> is set, OpenTelemetry's OTLP exporter for the <c>Everest.Site</c> meter.
    /// </summary>
    public static IHostApplicationBuilder AddSiteObservability(this IHostApplicationBuilder builder, EverestSiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var services = builder.Services;
        services.AddSingleton(sp =>
        {
            var metrics = new SiteMetrics();
            metrics.ObserveRejectionsOf(sp.GetRequiredService<EverestMessageDecoder>());
            return metrics;
        });
        services.AddSingleton<IEverestRequestObserver>(sp => sp.GetRequiredService<SiteMetrics>());
        services.AddHealthChecks()
            .AddCheck<MqttBrokerHealthCheck>(MqttBrokerHealthCheck.Name)
            .AddCheck<JournalHealthCheck>(JournalHealthCheck.Name)
            .AddCheck<ProjectionLagHealthCheck>(ProjectionLagHealthCheck.Name);

        var observability = options.Observability;
        if (observability.ExportsOtlp())
        {
            services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(SiteMetrics.MeterName)
                .AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Endpoint = new Uri(observability.OtlpEndpoint);
                    exporter.Protocol = observability.OtlpProtocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)Math.Min(int.MaxValue, observability.ExportInterval.TotalMilliseconds);
                }));
        }

        return builder;
    }
}
