namespace Everest.Site.Scenarios.Support;

/// <summary>What <see cref="GroundTruthCheck"/> found: counts for a table row, and one line per problem for a failure message.</summary>
/// <param name="Expected">Sessions of the ground truth with a transaction, which the record must hold.</param>
/// <param name="Matched">Of those, the ones recorded exactly once, on their EVSE, with the simulator's energy to 1 Wh.</param>
/// <param name="Lost">Of those, the ones missing, incomplete, on another EVSE or with other energy.</param>
/// <param name="Duplicated">Of those, the ones recorded more than once.</param>
/// <param name="Unknown">Transactions in the record that the simulator never ran.</param>
internal sealed record GroundTruthComparison(int Expected, int Matched, int Lost, int Duplicated, int Unknown, IReadOnlyList<string> Problems);
