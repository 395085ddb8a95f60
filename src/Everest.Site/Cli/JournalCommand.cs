using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Serialization;
using Akka.Streams;
using Akka.Streams.Dsl;
using Everest.Site.Configuration;
using Everest.Site.Hosting;
using Everest.Site.Persistence;

namespace Everest.Site.Cli;

/// <summary>
/// <c>everest-site journal events --persistence-id ID [--config FILE] [--json]</c>: prints one stream of the journal
/// (an EVSE's history <c>evse-{id}</c>, the site's <c>site</c>) through Akka.Persistence.Query's SQL read journal, with
/// each event as the journal stores it (manifest and JSON payload). Safe beside a running controller: it only reads.
/// Without <c>--config</c> it reads the demo's journal (<c>data/everest-site.db</c> under the working directory), as
/// <c>billing</c> does.
/// Exit 0 (also for a stream without events, said on stderr), 1 the journal cannot be read, 2 bad command line or
/// configuration (or a journal kept in memory, which no other process can read).
/// </summary>
public static class JournalCommand
{
    /// <summary>How long reading may take before the command gives up (a database that does not answer).</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The reader's own actor system logs only problems, and on stderr (stdout carries the events).</summary>
    private static readonly Config Quiet = ConfigurationFactory.ParseString("akka { loglevel = WARNING, stdout-loglevel = WARNING }");

    public static Command Create()
    {
        var persistenceIdOption = new Option<string>("--persistence-id")
        {
            Description = "The stream to print: evse-{EVSE id} for an EVSE's history, site for the site's decisions and reservations.",
            Required = true,
        };
        var configOption = new Option<string?>("--config")
        {
            Description = "The site configuration file (HOCON) whose everest-site.persistence names the journal (default: the demo's, data/everest-site.db).",
        };
        var jsonOption = new Option<bool>("--json")
        {
            Description = "Print one JSON array of {sequenceNr, timestamp, manifest, tags, event} instead of one line per event.",
        };

        var events = new Command("events", "Print the stored events of one persistence id, oldest first.");
        events.Options.Add(persistenceIdOption);
        events.Options.Add(configOption);
        events.Options.Add(jsonOption);
        events.SetAction((parseResult, _) => RunAsync(
            parseResult.GetValue(persistenceIdOption)!,
            parseResult.GetValue(configOption),
            parseResult.GetValue(jsonOption),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));

        var journal = new Command("journal", "Read the event journal.");
        journal.Subcommands.Add(events);
        return journal;
    }

    private static async Task<int> RunAsync(string persistenceId, string? file, bool json, TextWriter output, TextWriter error)
    {
        if (string.IsNullOrWhiteSpace(persistenceId))
        {
            await error.WriteLineAsync("error: --persistence-id is empty; e.g. evse-cp-1-1 or site");
            return ExitCodes.BadInput;
        }

        var options = file is null
            ? CommandLineConfiguration.TryLoad(() => SiteConfiguration.LoadDemo(), "demo.conf (embedded)", error)
            : CommandLineConfiguration.TryLoad(() => SiteConfiguration.Load(file), file, error);
        if (options is null)
        {
            return ExitCodes.BadInput;
        }

        var persistence = options.Persistence;
        switch (persistence.Provider)
        {
            case PersistenceProvider.Memory:
                await error.WriteLineAsync($"error: {file ?? "demo.conf"}: everest-site.persistence.provider = memory keeps the journal inside the controller's process; there is nothing to read");
                return ExitCodes.BadInput;
            case PersistenceProvider.Sqlite when !File.Exists(persistence.Sqlite.Path):
                // Opening it would create an empty database where the operator expected theirs.
                await error.WriteLineAsync($"error: no journal at {Path.GetFullPath(persistence.Sqlite.Path)} (everest-site.persistence.sqlite.path, relative to the working directory)");
                return ExitCodes.Failure;
        }

        IReadOnlyList<StoredEvent> stored;
        using (SiteConsoleHost.KeepStandardOutputForScripts())
        {
            try
            {
                stored = await ReadAsync(persistence, persistenceId);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                await error.WriteLineAsync($"error: the journal could not be read: {e.GetBaseException().Message}");
                return ExitCodes.Failure;
            }
        }

        if (stored.Count == 0)
        {
            await error.WriteLineAsync($"no events stored under persistence id '{persistenceId}' (EVSE streams are evse-{{id}}, the site's is site)");
        }

        await output.WriteAsync(json ? ToJson(stored) : ToText(stored));
        await output.FlushAsync(CancellationToken.None);
        return ExitCodes.Success;
    }

    private static async Task<IReadOnlyList<StoredEvent>> ReadAsync(PersistenceOptions persistence, string persistenceId)
    {
        var system = ActorSystem.Create("everest-site-journal", SitePersistenceConfig.ActorSystemSetup(persistence, Quiet));
        try
        {
            var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SitePersistenceConfig.ReadJournalPluginId);
            using var timeout = new CancellationTokenSource(ReadTimeout);
            var envelopes = await journal
                .CurrentEventsByPersistenceId(persistenceId, 0, long.MaxValue)
                .RunWith(Sink.Seq<EventEnvelope>(), system.Materializer())
                .WaitAsync(timeout.Token)
                .ConfigureAwait(false);

            // Each event as the journal holds it: the stable manifest and the payload our serializer wrote.
            var serialization = system.Serialization;
            return [.. envelopes.Select(envelope =>
            {
                var serializer = serialization.FindSerializerFor(envelope.Event);
                var manifest = Serialization.ManifestFor(serializer, envelope.Event);
                return new StoredEvent(envelope.SequenceNr, WrittenAt(envelope.Timestamp), manifest, envelope.Tags ?? [], serializer.ToBinary(envelope.Event));
            })];
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }

    /// <summary>Akka.Persistence.Sql stores the write time as UTC ticks.</summary>
    private static DateTimeOffset WrittenAt(long ticks) =>
        ticks is >= 0 and <= 3_155_378_975_999_999_999 ? new DateTimeOffset(ticks, TimeSpan.Zero) : DateTimeOffset.MinValue;

    private static string ToText(IReadOnlyList<StoredEvent> stored)
    {
        var text = new StringBuilder();
        foreach (var e in stored)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{e.SequenceNr,6}  {e.Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ}  {e.Manifest}  {Encoding.UTF8.GetString(e.Payload)}");
        }

        return text.ToString();
    }

    private static string ToJson(IReadOnlyList<StoredEvent> stored)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var e in stored)
            {
                writer.WriteStartObject();
                writer.WriteNumber("sequenceNr", e.SequenceNr);
                writer.WriteString("timestamp", e.Timestamp);
                writer.WriteString("manifest", e.Manifest);
                writer.WriteStartArray("tags");
                foreach (var tag in e.Tags)
                {
                    writer.WriteStringValue(tag);
                }

                writer.WriteEndArray();
                writer.WritePropertyName("event");
                using (var payload = JsonDocument.Parse(e.Payload))
                {
                    payload.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private sealed record StoredEvent(long SequenceNr, DateTimeOffset Timestamp, string Manifest, IReadOnlyList<string> Tags, byte[] Payload);
}
