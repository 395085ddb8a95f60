using System.Globalization;
using System.Text.Json;
using Everest.Site.Simulator.GroundTruth;
using Everest.Site.Tests.Billing;

namespace Everest.Site.Scenarios.Support;

/// <summary>
/// The comparison every crash test ends with: the simulator's ground truth against what the controller recorded
/// (its journal, its billing export). Every session with a transaction is recorded exactly once, on its own EVSE, with
/// the simulator's exact energy within 1 Wh, and nothing is recorded that the simulator never ran.
/// </summary>
internal static class GroundTruthCheck
{
    /// <param name="record">What was read, for the problem lines ("the journal", "the CSV export").</param>
    /// <param name="evseIdByModule">The configured EVSE id of each EVSE module id the simulator plays.</param>
    public static GroundTruthComparison Compare(
        string record, IReadOnlyList<SessionTruth> truth, IEnumerable<RecordedTransaction> recorded, IReadOnlyDictionary<string, string> evseIdByModule)
    {
        var bySession = recorded.ToLookup(r => r.SessionUuid, StringComparer.Ordinal);
        var problems = new List<string>();
        int expected = 0, matched = 0, lost = 0, duplicated = 0;
        foreach (var session in truth)
        {
            var evseId = evseIdByModule[session.EvseModuleId];
            var name = $"session {session.SessionUuid} on {evseId}";
            if (session.EnergyWh is not { } expectedWh)
            {
                problems.Add($"{name}: the simulator recorded no finished transaction (ground truth incomplete)");
                continue;
            }

            expected++;
            var found = bySession[session.SessionUuid].ToList();
            var problem = found switch
            {
                [] => $"{name}: not in {record}",
                [var one] when one.EvseId != evseId => $"{name}: in {record} on {one.EvseId}",
                [{ EnergyWh: null } one] => $"{name}: incomplete in {record}{one.Detail}",
                [{ EnergyWh: { } wh } one] when Math.Abs(wh - expectedWh) > 1 =>
                    string.Create(CultureInfo.InvariantCulture, $"{name}: {wh:0.###} Wh in {record}{one.Detail}, simulator {expectedWh:0.###} Wh"),
                [_] => null,
                _ => $"{name}: {found.Count} times in {record}",
            };
            if (problem is null)
            {
                matched++;
                continue;
            }

            problems.Add(problem);
            (lost, duplicated) = found.Count > 1 ? (lost, duplicated + 1) : (lost + 1, duplicated);
        }

        var known = truth.Select(s => s.SessionUuid).ToHashSet(StringComparer.Ordinal);
        var unknown = bySession.Select(g => g.Key).Where(uuid => !known.Contains(uuid)).ToList();
        problems.AddRange(unknown.Select(uuid => $"{record} has a transaction {uuid} that the simulator never ran"));
        return new GroundTruthComparison(expected, matched, lost, duplicated, unknown.Count, problems);
    }

    /// <summary>
    /// The billing export in CSV and as OCPI CDRs against the ground truth: the CSV's original CDRs as
    /// <see cref="Compare"/> checks them (and no credit or replacement, as nobody corrected anything); in the OCPI
    /// export every session exactly once, and every CDR valid by the OCPI 2.2.1 CDR object.
    /// </summary>
    public static GroundTruthComparison CompareBillingExport(
        string csv, string ocpi, IReadOnlyList<SessionTruth> truth, IReadOnlyDictionary<string, string> evseIdByModule)
    {
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var (kind, uuid, evse, energy) = (Array.IndexOf(header, "kind"), Array.IndexOf(header, "session_uuid"), Array.IndexOf(header, "evse_config_id"), Array.IndexOf(header, "energy_wh"));

        // The columns read here come before any free text (OCMF values hold commas and are quoted), so a plain split is exact.
        var rows = lines.Skip(1).Select(line => line.Split(',')).ToList();
        var originals = rows.Where(row => row[kind] == "original")
            .Select(row => new RecordedTransaction(row[uuid], row[evse], double.Parse(row[energy], CultureInfo.InvariantCulture)));
        var comparison = Compare("the CSV export", truth, originals, evseIdByModule);
        var problems = comparison.Problems.ToList();
        problems.AddRange(rows.Where(row => row[kind] != "original").Select(row => $"a {row[kind]} CDR for session {row[uuid]} in the CSV export, where nothing was corrected"));

        using var cdrs = JsonDocument.Parse(ocpi);
        var known = truth.Select(s => s.SessionUuid).ToHashSet(StringComparer.Ordinal);
        var sessionIds = cdrs.RootElement.EnumerateArray().Select(c => c.GetProperty("session_id").GetString()).ToList();
        if (sessionIds.Count != truth.Count || sessionIds.Distinct().Count() != truth.Count || sessionIds.Any(id => id is null || !known.Contains(id)))
        {
            problems.Add($"OCPI export: {sessionIds.Count} CDRs ({sessionIds.Distinct().Count()} distinct sessions) for {truth.Count} sessions");
        }

        problems.AddRange(cdrs.RootElement.EnumerateArray().SelectMany(OcpiCdrValidator.Validate).Distinct().Take(10).Select(p => $"OCPI: {p}"));
        return comparison with { Problems = problems };
    }
}
