namespace Everest.Site.Simulator.Evse;

/// <summary>
/// EvseManager's enable/disable arbitration: one entry per source (a new request from a source replaces its
/// previous one, <see cref="EnableState.Unassigned"/> removes it); the entry with the lowest priority number
/// decides; on a tie between Enable and Disable, Disable wins; with no entry at all the EVSE is enabled.
/// </summary>
public sealed class EnablePriorityTable
{
    private readonly Dictionary<EnableSource, EnableSetting> _entries = [];

    /// <summary>The entries in force, strongest first.</summary>
    public IReadOnlyList<EnableSetting> Entries =>
        [.. _entries.Values.OrderBy(e => e.Priority).ThenBy(e => e.State == EnableState.Disable ? 0 : 1)];

    /// <summary>The entry that decides right now, or null when no source has an opinion (enabled by default).</summary>
    public EnableSetting? Winner => Entries.FirstOrDefault();

    public bool IsEnabled => Winner is not { State: EnableState.Disable };

    /// <summary>Applies one request and returns whether the EVSE is enabled afterwards.</summary>
    public bool Apply(EnableSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (setting.State == EnableState.Unassigned)
        {
            _entries.Remove(setting.Source);
        }
        else
        {
            _entries[setting.Source] = setting;
        }

        return IsEnabled;
    }
}
