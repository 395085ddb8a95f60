using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Everest.Site.IntegrationTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Everest.Site.IntegrationTests.Dashboard;

/// <summary>
/// The demo's dashboard in Debian's headless chromium, driven by Playwright: the page a new user opens from the URL the
/// demo prints. Screenshots are saved under the test output's <c>screenshots/</c> folder.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    /// <summary>Debian's chromium: the tests never download a browser of their own.</summary>
    private const string Chromium = "/usr/bin/chromium";

    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_demo_dashboard_shows_live_tiles_sessions_and_firmware_downloads_cdrs_and_reserves_an_evse()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (scripts/install-prerequisites.sh does).");
        await using var demo = await DemoProcess.StartAsync(duration: TimeSpan.FromMinutes(3), timeout: TimeSpan.FromSeconds(90));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 }, AcceptDownloads = true });
        page.SetDefaultTimeout((float)Cap.TotalMilliseconds);
        // Script errors, not failed requests: the optional billing and firmware endpoints answer 404 until they exist.
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);

        await page.GotoAsync(demo.DashboardUrl.AbsoluteUri);

        // One tile per EVSE of demo.conf, and the token has left the address bar for the tab's storage.
        var tiles = page.Locator("article.tile");
        await Assertions.Expect(tiles).ToHaveCountAsync(4);
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#link")).ToHaveTextAsync("live");

        // The tiles follow the simulated site without a reload.
        var first = await page.Locator("#tiles").InnerTextAsync();
        await page.WaitForFunctionAsync("initial => document.getElementById('tiles').innerText !== initial", first);

        // Reserve first, while the demo's EVSEs are still free: waiting for a billed session lets cars take them all.
        var (evseId, reservationId) = await ReserveThroughTheUiAsync(page);
        await SessionsAndFirmwareShowTheirEndpointsAsync(page);
        await CdrDownloadSendsTheTokenAsync(page, demo.ApiToken);

        using var api = new HttpClient { BaseAddress = demo.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", demo.ApiToken);
        using var site = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/site", UriKind.Relative)));
        Assert.Contains(
            site.RootElement.GetProperty("reservations").EnumerateArray(),
            r => r.GetProperty("evseId").GetString() == evseId && r.GetProperty("id").GetInt32() == reservationId);
        await Assertions.Expect(page.Locator($"article.tile[data-evse-id='{evseId}'] .reservation")).ToContainTextAsync($"#{reservationId}");

        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "dashboard.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "dashboard-phone.png"), FullPage = true });
        output.WriteLine($"screenshots in {folder}");

        Assert.Empty(scriptErrors);
        Assert.Equal(0, await demo.TerminateAsync(TimeSpan.FromSeconds(60)));
    }

    /// <summary>
    /// The sessions table lists the billing API's transactions: it waits for the demo's first car (about one arrives
    /// every six simulated minutes, six wall seconds) to show as a live row with its running cost. The firmware section
    /// lists both chargers of demo.conf with their step.
    /// </summary>
    private static async Task SessionsAndFirmwareShowTheirEndpointsAsync(IPage page)
    {
        var billed = page.Locator("#sessions tbody tr[data-status='live'], #sessions tbody tr[data-status='finished']");
        // The demo's first car arrives at a random moment and its row appears once the billing projection has it:
        // seconds on an idle machine, longer on a busy one.
        await Assertions.Expect(billed.First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(billed.First.Locator("td.cost")).ToHaveTextAsync(new Regex(@"\d"));
        await Assertions.Expect(page.Locator("#cdr-links")).ToBeVisibleAsync();

        await Assertions.Expect(page.Locator("#firmware")).ToBeVisibleAsync();
        var chargers = page.Locator("#firmware-chargers tbody tr");
        await Assertions.Expect(chargers).ToHaveCountAsync(2);
        await Assertions.Expect(chargers.First.Locator(".step")).ToHaveTextAsync("Idle");
    }

    /// <summary>The CSV link fetches <c>/api/cdrs</c> with the bearer token and hands the browser a file.</summary>
    private static async Task CdrDownloadSendsTheTokenAsync(IPage page, string token)
    {
        var answer = page.WaitForResponseAsync(r => r.Url.Contains("/api/cdrs?format=csv", StringComparison.Ordinal));
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#cdr-csv").ClickAsync());
        var response = await answer;
        Assert.Equal(200, response.Status);
        Assert.Equal($"Bearer {token}", await response.Request.HeaderValueAsync("authorization"));
        Assert.Equal("cdrs.csv", download.SuggestedFilename);
        var file = await download.PathAsync();
        Assert.StartsWith("cdr_id,", (await File.ReadAllLinesAsync(file))[0], StringComparison.Ordinal);
    }

    /// <summary>
    /// Reserves a free EVSE with the tile's button and the dialog, as an operator would. A car may arrive at the chosen
    /// EVSE in the moment between choosing and confirming (the demo runs 60 times faster than the wall clock); the site
    /// then refuses, and another free EVSE is tried; so is another when the car came before the button was clicked.
    /// </summary>
    private async Task<(string EvseId, int ReservationId)> ReserveThroughTheUiAsync(IPage page)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var tile = page.Locator("article.tile").Filter(new LocatorFilterOptions { Has = page.Locator("button[data-action='reserve']:not([disabled])") }).First;
            var evseId = await tile.GetAttributeAsync("data-evse-id") ?? throw new InvalidOperationException("a tile without data-evse-id");
            try
            {
                await page.Locator($"article.tile[data-evse-id='{evseId}'] button[data-action='reserve']").ClickAsync(new LocatorClickOptions { Timeout = 5_000 });
            }
            catch (TimeoutException)
            {
                // A car arrived before the click: the tile drew its button disabled. Another free EVSE is tried.
                output.WriteLine($"attempt {attempt}: {evseId} was taken before its Reserve button could be clicked");
                continue;
            }

            var answer = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/reservations", StringComparison.Ordinal) && r.Request.Method == "POST");
            await page.Locator("#reserve-token").FillAsync("PLAYWRIGHT1");
            await page.Locator("#reserve-submit").ClickAsync();
            var response = await answer;
            var body = await response.TextAsync();
            if (response.Status == 201)
            {
                using var made = JsonDocument.Parse(body);
                Assert.Equal(evseId, made.RootElement.GetProperty("evseId").GetString());
                return (evseId, made.RootElement.GetProperty("id").GetInt32());
            }

            output.WriteLine($"attempt {attempt}: reserving {evseId} answered {response.Status}: {body}");
            Assert.Equal(409, response.Status);
        }

        Assert.Fail("Three reservations through the dashboard were refused or found their EVSE taken.");
        throw new InvalidOperationException("unreachable");
    }
}
