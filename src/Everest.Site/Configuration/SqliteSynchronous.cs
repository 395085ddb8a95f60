namespace Everest.Site.Configuration;

/// <summary>SQLite's <c>PRAGMA synchronous</c> (<c>persistence.sqlite.synchronous</c>).</summary>
public enum SqliteSynchronous
{
    /// <summary>Every commit reaches the disk: survives power loss (the default; gateway boxes lose power).</summary>
    Full,

    /// <summary>Survives a crash of the process, not necessarily of the machine.</summary>
    Normal,

    Off,
}
