using System.Collections;
using Everest.Site.Configuration;

namespace Everest.Site.Tests.Diagnostics;

/// <summary><c>everest-site.observability</c> and <c>everest-site.logging</c>: defaults, the OTLP variable, and what is refused.</summary>
public sealed class ObservabilityOptionsTests
{
    private const string Site = """
        everest-site {
          chargers = [ { id = cp-1, system-module-id = sys-1, evses = [ { id = e-1, module-id = m-1 } ] } ]
        }

        """;

    [Fact]
    public void By_default_nothing_is_exported_and_logs_are_text()
    {
        var options = Load("");

        Assert.False(options.Observability.ExportsOtlp());
        Assert.Equal("grpc", options.Observability.OtlpProtocol);
        Assert.Equal(TimeSpan.FromSeconds(15), options.Observability.ExportInterval);
        Assert.Equal(LogFormat.Text, options.Logging.Format);
    }

    [Fact]
    public void The_otlp_endpoint_comes_from_its_environment_variable_and_json_logs_from_the_file()
    {
        var options = Load("everest-site.logging.format = json", new Hashtable { ["EVEREST_SITE_OTLP_ENDPOINT"] = "http://127.0.0.1:4317" });

        Assert.True(options.Observability.ExportsOtlp());
        Assert.Equal("http://127.0.0.1:4317", options.Observability.OtlpEndpoint);
        Assert.Equal(LogFormat.Json, options.Logging.Format);
    }

    [Theory]
    [InlineData("observability.otlp-endpoint = \"collector:4317\"", "everest-site:observability:otlp-endpoint")]
    [InlineData("observability.otlp-protocol = thrift", "everest-site:observability:otlp-protocol")]
    [InlineData("observability.export-interval = 0s", "everest-site:observability:export-interval")]
    [InlineData("logging.format = xml", "everest-site:logging:format")]
    public void A_bad_value_is_refused_naming_its_key(string setting, string key)
    {
        using var file = new TempConfig(Site + "everest-site." + setting);
        var configuration = SiteConfiguration.Load(file.Path, environment: new Hashtable());

        var error = Assert.Throws<ConfigurationException>(() => SiteConfiguration.BindAndValidate(configuration));

        Assert.Contains(error.Problems, p => p.Key == key);
    }

    private static EverestSiteOptions Load(string extra, IDictionary? environment = null)
    {
        using var file = new TempConfig(Site + extra);
        return SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file.Path, environment: environment ?? new Hashtable()));
    }
}
