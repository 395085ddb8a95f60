namespace Everest.Site.Configuration;

/// <summary><c>everest-site.observability</c> and <c>everest-site.logging</c>.</summary>
internal sealed partial class EverestSiteOptionsValidator
{
    /// <summary>The OTLP transports the exporter offers, as OpenTelemetry's environment variables spell them.</summary>
    public static readonly IReadOnlyList<string> OtlpProtocols = ["grpc", "http/protobuf"];

    private void ValidateObservability(ObservabilityOptions observability)
    {
        if (observability.ExportsOtlp()
            && (!Uri.TryCreate(observability.OtlpEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            Report(x => x.Observability.OtlpEndpoint, $"expected an http:// or https:// address such as http://127.0.0.1:4317, or \"\" to export nothing; found '{observability.OtlpEndpoint}'");
        }

        if (!OtlpProtocols.Contains(observability.OtlpProtocol, StringComparer.Ordinal))
        {
            Report(x => x.Observability.OtlpProtocol, $"expected one of {string.Join(", ", OtlpProtocols)}; found '{observability.OtlpProtocol}'");
        }

        Positive(x => x.Observability.ExportInterval);
        Positive(x => x.Observability.ProjectionLagDegraded);
    }
}
