using System.Data.Common;
using Everest.Site.Actors.Persistence;
using Everest.Site.Actors.TestKit.Tck;
using Everest.Site.Persistence.Sql.Projection;
using Everest.Site.Persistence.Sql.Schema;
using Everest.Site.Persistence.Sql.Tests.Infrastructure;
using static Everest.Site.Actors.TestKit.Tck.TckEvents;

namespace Everest.Site.Persistence.Sql.Tests;

/// <summary>
/// Behaviour beyond the conformance suites that both SQL providers must show: schema migration, several
/// journal instances on one database (as several processes would be), group commit, projection offsets.
/// </summary>
public abstract partial class SqlProviderTests
{
    /// <summary>Settings for this test's database; the same database for every call within one test.</summary>
    protected abstract SqlJournalSettings Settings { get; }

    [Fact]
    public async Task Opening_the_database_again_applies_each_migration_once_and_keeps_the_data()
    {
        var id = UniqueId("migrate");
        await using (var first = await SqlPersistence.CreateAsync(Settings))
        {
            await first.Journal.WriteAsync(Write(id, 1, 2, "migrate"));
        }

        await using var second = await SqlPersistence.CreateAsync(Settings);

        Assert.Equal(second.Dialect.Migrations[^1].Version, second.SchemaVersion);
        Assert.Equal(2, await second.Journal.ReadHighestSequenceNrAsync(id));
        await using var connection = await second.OpenConnectionAsync();
        Assert.Equal(second.Dialect.Migrations.Count, await ScalarAsync(connection, "SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(second.SchemaVersion, await SchemaMigrator.ReadVersionAsync(connection, null, CancellationToken.None));
    }

    [Fact]
    public async Task Instances_starting_at_the_same_time_migrate_once()
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SqlPersistence.CreateAsync(Settings)));
        try
        {
            await using var connection = await opened[0].OpenConnectionAsync();
            Assert.Equal(opened[0].Dialect.Migrations.Count, await ScalarAsync(connection, "SELECT COUNT(*) FROM schema_version"));
        }
        finally
        {
            foreach (var persistence in opened)
            {
                await persistence.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_schema_newer_than_this_build_is_refused_at_start_up()
    {
        await using (var persistence = await SqlPersistence.CreateAsync(Settings))
        {
            await using var connection = await persistence.OpenConnectionAsync();
            await ExecuteAsync(connection, "INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'from the future', 0)");
        }

        try
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SqlPersistence.CreateAsync(Settings));
            Assert.Contains("999", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await using var connection = await OpenWithoutMigrationAsync();
            await ExecuteAsync(connection, "DELETE FROM schema_version WHERE version = 999");
        }
    }

    [Fact]
    public async Task A_duplicate_from_a_second_journal_instance_is_rejected_and_nothing_is_overwritten()
    {
        var id = UniqueId("two-writers");
        await using var first = await SqlPersistence.CreateAsync(Settings);
        await using var second = await SqlPersistence.CreateAsync(Settings);
        await first.Journal.WriteAsync(Write(id, 1, 2));

        var rejected = await Assert.ThrowsAsync<JournalConcurrencyException>(
            () => second.Journal.WriteAsync(new AtomicWrite([Event(id, 2) with { Manifest = "intruder.v1" }, Event(id, 3)])));

        Assert.Equal(2, rejected.SequenceNr);
        Assert.Equal(1, second.Journal.RejectedWrites);
        var stored = await ToListAsync(first.Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue));
        Assert.Equal(new long[] { 1, 2 }, stored.Select(e => e.SequenceNr));
        Assert.Equal(Event(id, 2).Manifest, stored[1].Manifest);
    }

    [Fact]
    public async Task A_live_reader_sees_the_writes_of_two_journal_instances_once_and_without_gaps()
    {
        const int WritersPerInstance = 10;
        const int EventsPerWriter = 30;
        var tag = UniqueId("two-instances");
        await using var first = await SqlPersistence.CreateAsync(Settings);
        await using var second = await SqlPersistence.CreateAsync(Settings);
        var total = 2 * WritersPerInstance * EventsPerWriter;

        // The reader lives in the first instance: the second one's writes reach it only by polling.
        var live = TakeAsync(first.Query.EventsByTagAsync(tag), total, $"events tagged {tag}");
        await Task.WhenAll(
            new[] { first, second }.SelectMany((instance, index) => Enumerable.Range(0, WritersPerInstance).Select(async writer =>
            {
                var id = $"{tag}-{index}-{writer}";
                for (var seq = 1; seq <= EventsPerWriter; seq += 2)
                {
                    await instance.Journal.WriteAsync(Write(id, seq, seq + 1, tag));
                }
            })));
        var seen = await live;

        AssertStrictlyIncreasingOffsets(seen);
        Assert.Equal(total, seen.Select(e => (e.PersistenceId, e.SequenceNr)).Distinct().Count());
        var settled = await ToListAsync(second.Query.CurrentEventsByTagAsync(tag));
        Assert.Equal(settled.Select(e => e.Offset), seen.Select(e => e.Offset));
    }

    [Fact]
    public async Task A_thousand_concurrent_writes_share_few_transactions()
    {
        await using var persistence = await SqlPersistence.CreateAsync(Settings);
        var batchesBefore = persistence.Journal.CommittedBatches;
        var prefix = UniqueId("group");

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => persistence.Journal.WriteAsync(Write($"{prefix}-{i}", 1, 1))));

        var batches = persistence.Journal.CommittedBatches - batchesBefore;
        Assert.InRange(batches, 1, 100);
    }

    [Fact]
    public async Task A_batch_never_takes_more_than_the_max_size_of_events()
    {
        await using var persistence = await SqlPersistence.CreateAsync(Settings with { BatchMaxSize = 10 });
        var prefix = UniqueId("small-batches");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => persistence.Journal.WriteAsync(Write($"{prefix}-{i}", 1, 2))));

        // 100 events in batches of at most 10 events (five writes of two) need at least 10 transactions.
        Assert.True(persistence.Journal.CommittedBatches >= 10, $"Only {persistence.Journal.CommittedBatches} transactions for 100 events.");
    }

    [Fact]
    public async Task A_write_larger_than_the_max_batch_size_is_stored_whole()
    {
        await using var persistence = await SqlPersistence.CreateAsync(Settings with { BatchMaxSize = 3 });
        var id = UniqueId("large");

        await persistence.Journal.WriteAsync(Write(id, 1, 8));

        Assert.Equal(8, (await ToListAsync(persistence.Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue))).Count);
    }

    [Fact]
    public async Task Writes_are_batched_with_a_max_delay_too()
    {
        await using var persistence = await SqlPersistence.CreateAsync(Settings with { BatchMaxDelay = TimeSpan.FromMilliseconds(5) });
        var prefix = UniqueId("delayed");

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => persistence.Journal.WriteAsync(Write($"{prefix}-{i}", 1, 1))));

        Assert.Equal(1, await persistence.Journal.ReadHighestSequenceNrAsync($"{prefix}-99"));
    }

    [Fact]
    public async Task Invalid_events_are_refused_with_a_clear_error_and_the_journal_keeps_working()
    {
        await using var persistence = await SqlPersistence.CreateAsync(Settings);
        var id = UniqueId("invalid");

        var noManifest = await Assert.ThrowsAsync<ArgumentException>(
            () => persistence.Journal.WriteAsync(new AtomicWrite([Event(id, 1) with { Manifest = "" }])));
        var emptyTag = await Assert.ThrowsAsync<ArgumentException>(
            () => persistence.Journal.WriteAsync(new AtomicWrite([Event(id, 1, "ok", "")])));
        var zero = await Assert.ThrowsAsync<ArgumentException>(
            () => persistence.Journal.WriteAsync(new AtomicWrite([Event(id, 0)])));

        Assert.Contains("manifest", noManifest.Message, StringComparison.Ordinal);
        Assert.Contains("tag", emptyTag.Message, StringComparison.Ordinal);
        Assert.Contains("start at 1", zero.Message, StringComparison.Ordinal);
        await persistence.Journal.WriteAsync(Write(id, 1, 1));
        Assert.Equal(1, await persistence.Journal.ReadHighestSequenceNrAsync(id));
    }

    [Fact]
    public async Task Duplicate_tags_on_one_event_are_stored_once_in_the_tag_index()
    {
        await using var persistence = await SqlPersistence.CreateAsync(Settings);
        var id = UniqueId("dup-tag");
        var tag = UniqueId("tag");

        await persistence.Journal.WriteAsync(new AtomicWrite([Event(id, 1, tag, tag)]));

        var tagged = Assert.Single(await ToListAsync(persistence.Query.CurrentEventsByTagAsync(tag)));
        Assert.Equal(new[] { tag, tag }, tagged.Tags);
    }

    [Fact]
    public async Task A_projection_offset_is_stored_only_when_its_transaction_commits()
    {
        await using var persistence = await SqlPersistence.CreateAsync(Settings);
        var projection = UniqueId("billing");
        await using var connection = await persistence.OpenConnectionAsync();

        Assert.Equal(0, await ProjectionOffsets.ReadAsync(connection, null, projection));
        await using (var rolledBack = await connection.BeginTransactionAsync())
        {
            await ProjectionOffsets.WriteAsync(connection, rolledBack, projection, 42, Epoch);
            await rolledBack.RollbackAsync();
        }

        Assert.Equal(0, await ProjectionOffsets.ReadAsync(connection, null, projection));
        await using (var committed = await connection.BeginTransactionAsync())
        {
            await ProjectionOffsets.WriteAsync(connection, committed, projection, 42, Epoch);
            await ProjectionOffsets.WriteAsync(connection, committed, projection, 43, Epoch.AddSeconds(1));
            await committed.CommitAsync();
        }

        Assert.Equal(43, await ProjectionOffsets.ReadAsync(connection, null, projection));
    }

    protected static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A plain connection to this test's database, bypassing start-up checks.</summary>
    protected abstract Task<DbConnection> OpenWithoutMigrationAsync();
}
