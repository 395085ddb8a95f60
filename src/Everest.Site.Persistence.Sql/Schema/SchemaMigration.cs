namespace Everest.Site.Persistence.Sql.Schema;

/// <summary>One step of the schema: applied once, in version order, recorded in <c>schema_version</c>.</summary>
/// <param name="Version">1-based and contiguous.</param>
/// <param name="Description">What the step does, stored beside its version for operators.</param>
/// <param name="Statements">The DDL, run one statement at a time in the migration transaction.</param>
internal sealed record SchemaMigration(int Version, string Description, IReadOnlyList<string> Statements);
