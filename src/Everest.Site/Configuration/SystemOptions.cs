using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.system</c>: how the controller answers EVerest's resets, time and log requests.</summary>
public sealed class SystemOptions
{
    /// <summary>Command that resets a charger (its charger id is appended); empty: nothing is run and the reset is only recorded.</summary>
    [ConfigurationKeyName("reset-command")]
    public string ResetCommand { get; set; } = "";

    /// <summary>Allow a Hard reset while a transaction runs (a Soft one never is).</summary>
    [ConfigurationKeyName("hard-reset-allowed")]
    public bool HardResetAllowed { get; set; }

    /// <summary>Command that sets the system time (the RFC 3339 time is appended); empty refuses set_system_time.</summary>
    [ConfigurationKeyName("set-time-command")]
    public string SetTimeCommand { get; set; } = "";

    /// <summary>Log files packed by upload_logs (beside the charger's journal events).</summary>
    [ConfigurationKeyName("log-files")]
    public List<string> LogFiles { get; set; } = [];

    /// <summary>How long an external command (install, reset, time) may run before it counts as failed.</summary>
    [ConfigurationKeyName("command-timeout")]
    public TimeSpan CommandTimeout { get; set; }
}
