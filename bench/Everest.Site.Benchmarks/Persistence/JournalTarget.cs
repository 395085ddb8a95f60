namespace Everest.Site.Benchmarks.Persistence;

/// <summary>The database configurations the persistence benchmarks compare.</summary>
public enum JournalTarget
{
    /// <summary>SQLite, WAL, <c>synchronous = FULL</c> (the default: every commit synced).</summary>
    SqliteFull,

    /// <summary>SQLite, WAL, <c>synchronous = NORMAL</c> (synced at checkpoints only).</summary>
    SqliteNormal,

    /// <summary>PostgreSQL from <c>EVEREST_SITE_BENCH_PG</c> (or <c>EVEREST_SITE_TEST_PG</c>), fsync on.</summary>
    PostgreSql,
}
