using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.http</c>: the HTTP API and dashboard.</summary>
public sealed class HttpOptions
{
    /// <summary>Listen addresses, separated by ';' (Kestrel's <c>urls</c> format); port 0 picks a free port.</summary>
    public string Urls { get; set; } = "";

    /// <summary>
    /// Bearer token required by everything under <c>/api</c>; when null the controller makes a random one at each
    /// start and prints it (the API is never open without a token).
    /// </summary>
    [ConfigurationKeyName("api-token")]
    public string? ApiToken { get; set; }

    /// <summary>How long a request waits for an actor's answer before it is answered with 504.</summary>
    [ConfigurationKeyName("ask-timeout")]
    public TimeSpan AskTimeout { get; set; }

    /// <summary>Server-sent events held for one <c>/api/events</c> client; a client that falls this far behind is disconnected.</summary>
    [ConfigurationKeyName("events-buffer")]
    public int EventsBuffer { get; set; }
}
