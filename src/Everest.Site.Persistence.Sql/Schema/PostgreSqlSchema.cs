namespace Everest.Site.Persistence.Sql.Schema;

/// <summary>The journal schema in PostgreSQL's dialect; the same tables, columns and keys as <see cref="SqliteSchema"/>.</summary>
internal static class PostgreSqlSchema
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "journal, journal_tag, snapshot and projection_offset tables",
        [
            """
            CREATE TABLE journal (
                ordering BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                persistence_id TEXT NOT NULL,
                sequence_nr BIGINT NOT NULL,
                manifest TEXT NOT NULL,
                payload BYTEA NOT NULL,
                tags TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                writer_uuid UUID NOT NULL,
                deleted BOOLEAN NOT NULL DEFAULT FALSE,
                CONSTRAINT journal_persistence_id_sequence_nr_key UNIQUE (persistence_id, sequence_nr))
            """,
            "CREATE TABLE journal_tag (tag TEXT NOT NULL, ordering BIGINT NOT NULL, PRIMARY KEY (tag, ordering))",
            """
            CREATE TABLE snapshot (
                persistence_id TEXT NOT NULL,
                sequence_nr BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                manifest TEXT NOT NULL,
                payload BYTEA NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr))
            """,
            """
            CREATE TABLE projection_offset (
                projection_name TEXT NOT NULL PRIMARY KEY,
                "offset" BIGINT NOT NULL,
                updated_at BIGINT NOT NULL)
            """,
        ]),
    ];
}
