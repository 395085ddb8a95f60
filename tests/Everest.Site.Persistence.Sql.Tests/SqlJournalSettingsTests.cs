namespace Everest.Site.Persistence.Sql.Tests;

public sealed class SqlJournalSettingsTests
{
    public static TheoryData<SqlJournalSettings, string> InvalidSettings => new()
    {
        { new SqlJournalSettings { SqlitePath = " " }, "everest-site.persistence.sqlite.path" },
        { new SqlJournalSettings { SqliteSynchronous = (SqliteSynchronous)7 }, "everest-site.persistence.sqlite.synchronous" },
        { new SqlJournalSettings { SqliteBusyTimeout = TimeSpan.FromSeconds(-1) }, "everest-site.persistence.sqlite.busy-timeout" },
        { new SqlJournalSettings { Provider = SqlProvider.PostgreSql }, "everest-site.persistence.postgresql.connection-string" },
        { new SqlJournalSettings { Provider = (SqlProvider)9 }, "everest-site.persistence.provider" },
        { new SqlJournalSettings { BatchMaxSize = 0 }, "everest-site.persistence.batch.max-size" },
        { new SqlJournalSettings { BatchMaxDelay = TimeSpan.FromMilliseconds(-1) }, "everest-site.persistence.batch.max-delay" },
        { new SqlJournalSettings { QueryPollInterval = TimeSpan.Zero }, "everest-site.persistence.query.poll-interval" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task Invalid_settings_fail_start_up_naming_the_configuration_key(SqlJournalSettings settings, string key)
    {
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => SqlPersistence.CreateAsync(settings));

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_sqlite_with_full_durability_and_natural_batching()
    {
        var defaults = new SqlJournalSettings();

        Assert.Equal(SqlProvider.Sqlite, defaults.Provider);
        Assert.Equal(SqliteSynchronous.Full, defaults.SqliteSynchronous);
        Assert.Equal(TimeSpan.Zero, defaults.BatchMaxDelay);
        Assert.Equal(SqlJournalSettings.DefaultBatchMaxSize, defaults.BatchMaxSize);
        defaults.Validate();
    }
}
