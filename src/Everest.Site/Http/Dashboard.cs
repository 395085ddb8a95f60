using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace Everest.Site.Http;

/// <summary>
/// The dashboard at <c>/</c>: static HTML, CSS and JavaScript embedded in the assembly (no build step, nothing from a
/// CDN), served without a token; the page asks for the token and sends it with its API calls.
/// </summary>
public static class Dashboard
{
    /// <summary>Where the files are embedded (see the project file): <c>Everest.Site.Dashboard.index.html</c>, ….</summary>
    public const string ResourcePrefix = "Everest.Site.Dashboard";

    /// <summary>Only our own files and API: no inline script, no other origin, not framed by another site.</summary>
    private const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IFileProvider Files { get; } = new EmbeddedFileProvider(typeof(Dashboard).Assembly, ResourcePrefix);

    public static IApplicationBuilder UseDashboard(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = Files });
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";

                // The files change with the executable; revalidate (ETag) instead of keeping an old dashboard.
                headers.CacheControl = "no-cache";
            },
        });
    }
}
