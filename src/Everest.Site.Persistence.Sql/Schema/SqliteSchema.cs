namespace Everest.Site.Persistence.Sql.Schema;

/// <summary>The journal schema in SQLite's dialect; the same tables, columns and keys as <see cref="PostgreSqlSchema"/>.</summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "journal, journal_tag, snapshot and projection_offset tables",
        [
            // AUTOINCREMENT: an ordering is never handed out twice, even after the highest row is gone.
            """
            CREATE TABLE journal (
                ordering INTEGER PRIMARY KEY AUTOINCREMENT,
                persistence_id TEXT NOT NULL,
                sequence_nr INTEGER NOT NULL,
                manifest TEXT NOT NULL,
                payload BLOB NOT NULL,
                tags TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                writer_uuid TEXT NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0,
                CONSTRAINT journal_persistence_id_sequence_nr_key UNIQUE (persistence_id, sequence_nr))
            """,
            "CREATE TABLE journal_tag (tag TEXT NOT NULL, ordering INTEGER NOT NULL, PRIMARY KEY (tag, ordering)) WITHOUT ROWID",
            """
            CREATE TABLE snapshot (
                persistence_id TEXT NOT NULL,
                sequence_nr INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                manifest TEXT NOT NULL,
                payload BLOB NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr))
            """,
            """
            CREATE TABLE projection_offset (
                projection_name TEXT NOT NULL PRIMARY KEY,
                "offset" INTEGER NOT NULL,
                updated_at INTEGER NOT NULL)
            """,
        ]),
    ];
}
