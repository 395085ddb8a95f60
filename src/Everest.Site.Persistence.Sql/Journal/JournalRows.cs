using System.Data.Common;
using Everest.Site.Actors.Persistence;

namespace Everest.Site.Persistence.Sql.Journal;

/// <summary>The journal columns every read selects, in this order, and how a row becomes an event.</summary>
internal static class JournalRows
{
    /// <summary>Qualified with the alias <c>j</c> so the same list works in joins with <c>journal_tag</c>.</summary>
    public const string Columns =
        "j.ordering, j.persistence_id, j.sequence_nr, j.manifest, j.payload, j.tags, j.created_at, j.writer_uuid";

    public static PersistentRepr ReadRepr(DbDataReader reader) =>
        new(
            reader.GetString(1),
            reader.GetInt64(2),
            reader.GetString(3),
            reader.GetFieldValue<byte[]>(4),
            TagCodec.Decode(reader.GetString(5)),
            UnixTime.FromMicroseconds(reader.GetInt64(6)),
            reader.GetGuid(7));

    public static EventEnvelope ReadEnvelope(DbDataReader reader) =>
        new(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetInt64(2),
            reader.GetString(3),
            reader.GetFieldValue<byte[]>(4),
            TagCodec.Decode(reader.GetString(5)),
            UnixTime.FromMicroseconds(reader.GetInt64(6)));
}
