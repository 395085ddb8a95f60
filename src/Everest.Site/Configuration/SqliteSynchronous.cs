namespace Everest.Site.Configuration;

/// <summary>SQLite's <c>PRAGMA synchronous</c> on every journal connection (<c>persistence.sqlite.synchronous</c>).</summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// Every commit is synced to disk before it is acknowledged: an acknowledged event survives a power cut.
    /// The default, because gateway boxes lose power.
    /// </summary>
    Full,

    /// <summary>
    /// The write-ahead log is synced only at checkpoints: a power cut can lose the last commits (never corrupt the
    /// file); a process crash loses nothing.
    /// </summary>
    Normal,

    /// <summary>No syncing at all: a power cut can lose or corrupt recent data. For throwaway data only.</summary>
    Off,
}
