using Everest.Site.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Everest.Site.Http;

/// <summary>
/// The HTTP API and dashboard on Kestrel, in the same Generic Host as the actor system: bound to <c>http.urls</c>,
/// <c>/api</c> behind the bearer token, <c>/health</c> and the dashboard's files open, errors as RFC 7807 problem details.
/// </summary>
/// <remarks>
/// The web host's service is started after every other hosted service and stopped before them, so requests are
/// served only once the actors and the MQTT connection are up, and the event streams end (on
/// <c>ApplicationStopping</c>) and Kestrel stops before the actor system's coordinated shutdown begins.
/// </remarks>
public static class SiteHttpHosting
{
    /// <summary>The largest request body accepted (the API's bodies are a few hundred bytes).</summary>
    public const long MaxRequestBodyBytes = 16 * 1024;

    /// <summary>The largest request line and header block accepted.</summary>
    public const int MaxRequestHeadersBytes = 16 * 1024;

    /// <summary>Connections served at once; the dashboard of one operator needs two.</summary>
    public const long MaxConcurrentConnections = 256;

    /// <summary>The authorization policy of everything under <c>/api</c>.</summary>
    public const string ApiPolicy = "site-api";

    /// <summary>
    /// Adds Kestrel on <c>http.urls</c>, the token authentication with <paramref name="apiToken"/>, problem details, the
    /// event hub and the services the endpoints use. Call after <see cref="Hosting.SiteHostingExtensions.AddEverestSite"/>.
    /// </summary>
    public static WebApplicationBuilder AddEverestSiteHttp(this WebApplicationBuilder builder, EverestSiteOptions options, string apiToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiToken);

        builder.WebHost
            .UseKestrelCore()
            .ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
                kestrel.Limits.MaxRequestHeadersTotalSize = MaxRequestHeadersBytes;
                kestrel.Limits.MaxRequestLineSize = 8 * 1024;
                kestrel.Limits.MaxRequestHeaderCount = 64;
                kestrel.Limits.MaxConcurrentConnections = MaxConcurrentConnections;
            })
            .UseUrls(options.Http.Urls);

        var services = builder.Services;
        services.AddRouting();
        services.AddProblemDetails();
        services.Configure<JsonOptions>(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never;
        });
        services.AddAuthentication(ApiTokenAuthenticationHandler.SchemeName)
            .AddScheme<ApiTokenAuthenticationOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, o => o.Token = apiToken);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        services.AddSingleton<SiteActors>();
        services.AddSingleton<SiteEventHub>();
        services.AddHostedService<SiteEventRelayStartup>();
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c>, the dashboard and the <c>/api</c> group with this branch's endpoints; returns the group, so
    /// that further features map theirs on it (<c>MapBillingApi</c>, <c>MapFirmwareApi</c>, …) behind the same token.
    /// </summary>
    public static RouteGroupBuilder MapEverestSiteHttp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDashboard();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapSiteHealth();
        var api = app.MapGroup("/api").RequireAuthorization(ApiPolicy);
        api.MapEvseApi()
            .MapSessionPriorityApi()
            .MapSessionGoalApi()
            .MapSiteApi()
            .MapReservationApi()
            .MapEventsApi()
            .MapBillingApi()
            .MapFirmwareApi();

        // An unknown path under /api is a 404 problem for a caller with the token, and a 401 for one without.
        api.MapFallback(() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No such API endpoint; see docs/http-api.md."));
        return api;
    }
}
