using Akka.Actor;
using Everest.Site.Configuration;
using Everest.Site.Evse;
using Everest.Site.Mqtt.InMemory;
using Everest.Site.Site;
using Microsoft.Extensions.Time.Testing;

namespace Everest.Site.Scenarios.Support;

/// <summary>
/// What <see cref="ControllerLife"/> promises the scenarios that drive it: once <see cref="ControllerLife.StartAsync"/>
/// returns, they may move virtual time, because every persistent actor has recovered. Akka times recoveries out on the
/// actor system's (here virtual) scheduler, so a first step taken while the journal is still being read failed them.
/// </summary>
public sealed class ControllerLifeTests : IDisposable
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("everest-site-controller-life-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task A_controller_run_on_a_fresh_journal_starts_recovered_so_a_minute_of_virtual_time_fails_no_recovery()
    {
        var life = await ControllerLife.StartAsync("controller-1", Options(), new InMemoryBroker(), new FakeTimeProvider(SiteTestClock.Start));
        try
        {
            // The inboxes answer at once, recovered or not: an actor still reading the journal is not ready yet.
            var inboxes = await Task.WhenAll(life.Settings.Evses.Select(e => life.Fleet.Ask<EvseInboxStatus>(new EvseEnvelope(e.EvseId, GetEvseInboxStatus.Instance), AnswerTimeout)));
            Assert.All(inboxes, inbox => Assert.True(inbox.ActorReady, $"EVSE {inbox.EvseId}: its actor was still recovering when the controller run had started"));

            // The scenario's first step: a minute, more than Akka's 30 s recovery timeout.
            life.Scheduler.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAll(life.Settings.Evses.Select(e => life.Fleet.Ask<EvseSnapshot>(new EvseEnvelope(e.EvseId, GetEvseSnapshot.Instance), AnswerTimeout)));
            await life.Site.Ask<SiteStatus>(GetSiteStatus.Instance, AnswerTimeout);
        }
        finally
        {
            await life.CrashAsync();
        }
    }

    /// <summary>Two EVSEs on one charger, journal in a fresh SQLite file of this test (reference defaults underneath).</summary>
    private EverestSiteOptions Options()
    {
        var file = Path.Combine(_folder.FullName, "site.conf");
        File.WriteAllText(file, $$"""
            everest-site {
              site-id = "controller-life"
              persistence { provider = sqlite, sqlite.path = "{{Path.Combine(_folder.FullName, "site.db")}}" }
              chargers = [
                { id = cp-1, system-module-id = system_api_cp1, evses = [
                    { id = cp-1-1, module-id = evse_api_cp1_1, energy-limits-module-id = energy_limits_cp1_1 }
                    { id = cp-1-2, module-id = evse_api_cp1_2, energy-limits-module-id = energy_limits_cp1_2 }
                ] }
              ]
            }
            """);
        return SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file));
    }
}
