namespace Everest.Site.Benchmarks.Persistence;

/// <summary>The databases the persistence benchmarks write to.</summary>
public enum JournalTarget
{
    /// <summary>SQLite file, WAL, <c>synchronous = FULL</c> (the embedded default: every commit synced).</summary>
    SqliteFull,

    /// <summary>PostgreSQL from <c>EVEREST_SITE_BENCH_PG</c> (or <c>EVEREST_SITE_TEST_PG</c>), fsync on.</summary>
    PostgreSql,
}
