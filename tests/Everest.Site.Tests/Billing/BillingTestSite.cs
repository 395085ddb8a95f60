using System.Collections;
using System.Text.Json;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Everest.Site.Configuration;
using Everest.Site.Domain.Evse.History;
using Everest.Site.Persistence;
using Everest.Site.Tests.Persistence;

namespace Everest.Site.Tests.Billing;

/// <summary>
/// A site configuration file with two EVSEs, two tariffs and an OCPI location, its SQLite journal in the same temporary
/// folder, and a history written into it by actors persisting as the EVSE actors do.
/// </summary>
internal sealed class BillingTestSite : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempConfig _config;

    public BillingTestSite()
    {
        _config = new TempConfig("placeholder");
        File.WriteAllText(_config.Path, $$"""
            everest-site {
              site-id = "depot-test"
              persistence { provider = sqlite, sqlite.path = {{JsonSerializer.Serialize(Path.Combine(_config.Directory, "data", "site.db"))}}, query.poll-interval = 100ms }
              chargers = [
                { id = cp-1, system-module-id = system_cp1, evses = [ { id = cp-1-1, module-id = evse_cp1_1 } ] }
                { id = cp-2, system-module-id = system_cp2, evses = [ { id = cp-2-1, module-id = evse_cp2_1 } ] }
              ]
              billing {
                default-tariff = public
                tariffs = [
                  { id = public, energy-price-per-kwh = 0.40, session-fee = 0.50 }
                  { id = staff, energy-price-per-kwh = 0.20 }
                ]
                location { name = "Test Depot", address = "Hauptstrasse 1", city = Berlin, postal-code = "10115", country = DEU,
                           latitude = "52.520008", longitude = "13.404954" }
              }
            }
            """);
        Options = SiteConfiguration.BindAndValidate(SiteConfiguration.Load(_config.Path, environment: new Hashtable()));
    }

    public string ConfigPath => _config.Path;

    public string Directory => _config.Directory;

    public EverestSiteOptions Options { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _config.Dispose();
    }

    /// <summary>Sessions 1 and 3 on cp-1-1, session 2 on cp-2-1 (each 5 kWh, stopping at 08:00:15 + n hours UTC on 2026-03-14), and session 4 still running on cp-2-1.</summary>
    public async Task WriteJournalAsync()
    {
        using var kit = new TestKit(SitePersistenceConfig.ActorSystemSetup(Options.Persistence, ConfigurationFactory.ParseString("akka.loglevel = WARNING")), "journal-writer");
        Record(kit, "evse-cp-1-1", EvseHistorySamples.Session(1));
        Record(kit, "evse-cp-2-1", EvseHistorySamples.Session(2));
        Record(kit, "evse-cp-1-1", EvseHistorySamples.Session(3));
        Record(kit, "evse-cp-2-1", EvseHistorySamples.Session(4).Take(6).ToList());
        await kit.Sys.Terminate().WaitAsync(Patience);
    }

    private static void Record(TestKit kit, string persistenceId, IReadOnlyList<IEvseHistoryEvent> events)
    {
        var recorder = kit.Sys.ActorOf(HistoryRecorder.Props(persistenceId));
        recorder.Tell(new HistoryRecorder.Record(events), kit.TestActor);
        kit.ExpectMsg<HistoryRecorder.Recorded>(Patience);
        kit.Sys.Stop(recorder);
    }
}
