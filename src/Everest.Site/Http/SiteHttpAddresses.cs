using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Everest.Site.Http;

/// <summary>Where the started HTTP server listens, as a browser on this machine reaches it.</summary>
public static class SiteHttpAddresses
{
    /// <summary>The addresses Kestrel bound (port 0 resolved to the port it picked).</summary>
    public static IReadOnlyList<string> Bound(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
    }

    /// <summary>
    /// The dashboard's URL on the first bound address, with the token in the fragment (which browsers never send to
    /// the server, so it stays out of logs; the page moves it to its session storage); null before the server started.
    /// </summary>
    public static string? DashboardUrl(IServiceProvider services, string apiToken)
    {
        if (Bound(services).FirstOrDefault() is not { } address)
        {
            return null;
        }

        // A wildcard listen address is reached on this machine through the loopback.
        var uri = new UriBuilder(address.Replace("://+:", "://localhost:", StringComparison.Ordinal).Replace("://*:", "://localhost:", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0")
        {
            uri.Host = "127.0.0.1";
        }
        else if (uri.Host is "[::]" or "::")
        {
            uri.Host = "[::1]";
        }

        uri.Path = "/";
        uri.Fragment = "token=" + Uri.EscapeDataString(apiToken);
        return uri.Uri.AbsoluteUri;
    }
}
