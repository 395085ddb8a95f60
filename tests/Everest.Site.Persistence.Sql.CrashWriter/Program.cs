using System.Globalization;
using System.Text;
using Everest.Site.Actors.Persistence;
using Everest.Site.Persistence.Sql;

// Usage: crash-writer sqlite <file> | postgresql <connection string>
// Writes atomic writes of three events from many concurrent streams, one write at a time per stream,
// and prints "<persistence id> <highest sequence number>" after each acknowledged write. It never stops
// by itself: the crash-recovery tests kill it with SIGKILL in the middle of a batch.
if (args.Length != 2)
{
    await Console.Error.WriteLineAsync("usage: crash-writer sqlite <file> | postgresql <connection string>");
    return 2;
}

var settings = args[0] switch
{
    "sqlite" => new SqlJournalSettings { Provider = SqlProvider.Sqlite, SqlitePath = args[1] },
    "postgresql" => new SqlJournalSettings { Provider = SqlProvider.PostgreSql, PostgreSqlConnectionString = args[1] },
    _ => null,
};
if (settings is null)
{
    await Console.Error.WriteLineAsync($"unknown provider '{args[0]}': use sqlite or postgresql");
    return 2;
}

const int Streams = 32;
const int EventsPerWrite = 3;
await using var persistence = await SqlPersistence.CreateAsync(settings);
var writerId = Guid.NewGuid();
var output = Console.Out;
await output.WriteLineAsync("ready");

await Task.WhenAll(Enumerable.Range(0, Streams).Select(stream => Task.Run(async () =>
{
    var persistenceId = $"crash-{stream}";
    var next = await persistence.Journal.ReadHighestSequenceNrAsync(persistenceId) + 1;
    while (true)
    {
        var events = Enumerable.Range(0, EventsPerWrite)
            .Select(i => new PersistentRepr(
                persistenceId,
                next + i,
                "crash.event.v1",
                Encoding.UTF8.GetBytes($"{{\"seq\":{next + i}}}"),
                ["crash"],
                DateTimeOffset.UtcNow,
                writerId))
            .ToList();
        await persistence.Journal.WriteAsync(new AtomicWrite(events));
        next += EventsPerWrite;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{persistenceId} {next - 1}"));
    }
})));
return 0;
