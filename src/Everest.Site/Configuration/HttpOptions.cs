using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.http</c>: the HTTP API and dashboard.</summary>
public sealed class HttpOptions
{
    /// <summary>Listen addresses, separated by ';' (Kestrel's <c>urls</c> format).</summary>
    public string Urls { get; set; } = "";

    /// <summary>Bearer token required by everything but <c>/health</c>; null leaves the API open (loopback only advised).</summary>
    [ConfigurationKeyName("api-token")]
    public string? ApiToken { get; set; }
}
