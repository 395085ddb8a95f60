using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Everest.Site.Testing.Mosquitto;
using Everest.Site.Tests.Hosting;

namespace Everest.Site.Tests.Http;

/// <summary><c>everest-site run</c> as a real process against a real mosquitto serves the HTTP API on its configured address.</summary>
public sealed partial class RunHttpProcessTests
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_without_a_configured_token_makes_one_names_it_in_a_warning_and_serves_the_api_with_it()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var site = new TempConfig(TwoEvseSite.Hocon(
            $"provider = mosquitto, host = \"{broker.Host}\", port = {broker.Port}, client-id = \"run-http-{Guid.NewGuid():N}\"",
            "provider = memory"));
        await using var app = AppProcess.Start(site.Directory, "run", "--config", site.Path);
        await app.WaitForLineAsync("everest-site running:", StartPatience);

        // stderr is read apart from stdout: the warning may arrive a moment after the running line.
        var dashboard = await HttpAssert.EventuallyAsync(() => Task.FromResult(DashboardInWarning().Match(app.StandardError)), m => m.Success, StartPatience, "a warning with the token and dashboard URL");
        var token = dashboard.Groups["token"].Value;
        Assert.Equal(token, dashboard.Groups["token2"].Value);
        using var client = new HttpClient { BaseAddress = new Uri(dashboard.Groups["base"].Value) };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/evses", UriKind.Relative))).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Contains("\"t-1-2\"", await client.GetStringAsync(new Uri("/api/evses", UriKind.Relative)), StringComparison.Ordinal);

        await app.TerminateAsync();
        Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Run_with_a_configured_token_serves_the_api_with_it_and_never_logs_it()
    {
        const string Token = "configured-token-0123456789";
        await using var broker = await MosquittoBroker.StartAsync();
        using var site = new TempConfig(TwoEvseSite.Hocon(
            $"provider = mosquitto, host = \"{broker.Host}\", port = {broker.Port}, client-id = \"run-http-{Guid.NewGuid():N}\"",
            "provider = memory") + $"\neverest-site.http.api-token = \"{Token}\"\n");
        await using var app = AppProcess.Start(site.Directory, "run", "--config", site.Path);
        await app.WaitForLineAsync("everest-site running:", StartPatience);
        var listening = await HttpAssert.EventuallyAsync(() => Task.FromResult(ListeningOn().Match(app.StandardError)), m => m.Success, StartPatience, "an 'HTTP API and dashboard on' line");

        using var client = new HttpClient { BaseAddress = new Uri(listening.Groups["base"].Value) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var siteView = await client.GetAsync(new Uri("/api/site", UriKind.Relative));
        await app.TerminateAsync();
        Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(HttpStatusCode.OK, siteView.StatusCode);
        Assert.DoesNotContain(Token, app.StandardError + app.StandardOutput, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"API token is (?<token>[A-Za-z0-9_-]{43}); dashboard (?<base>http://127\.0\.0\.1:\d+)/#token=(?<token2>[A-Za-z0-9_-]{43})")]
    private static partial Regex DashboardInWarning();

    [GeneratedRegex(@"HTTP API and dashboard on (?<base>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
