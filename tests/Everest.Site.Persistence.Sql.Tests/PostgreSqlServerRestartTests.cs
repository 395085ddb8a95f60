using Everest.Site.Actors.Persistence;
using Everest.Site.Persistence.Sql.Tests.Infrastructure;
using static Everest.Site.Actors.TestKit.Tck.TckEvents;

namespace Everest.Site.Persistence.Sql.Tests;

public sealed class PostgreSqlServerRestartTests : IAsyncLifetime
{
    private readonly DedicatedPostgreSqlServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Writes_fail_while_the_server_is_stopped_and_succeed_once_it_is_started_again_without_a_restart_of_the_journal()
    {
        await using var persistence = await SqlPersistence.CreateAsync(Stores.PostgreSql(_server.ConnectionString));
        var id = UniqueId("restart");
        await persistence.Journal.WriteAsync(Write(id, 1, 1, "restart"));

        await _server.StopAsync();
        var failure = await Assert.ThrowsAsync<JournalWriteException>(() => persistence.Journal.WriteAsync(Write(id, 2, 2, "restart")));
        Assert.NotNull(failure.InnerException);
        await _server.StartAsync();

        await persistence.Journal.WriteAsync(Write(id, 2, 3, "restart"));
        Assert.Equal(new long[] { 1, 2, 3 }, (await ToListAsync(persistence.Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue))).Select(e => e.SequenceNr));
        Assert.Equal(3, (await ToListAsync(persistence.Query.CurrentEventsByTagAsync("restart"))).Count);
    }
}
