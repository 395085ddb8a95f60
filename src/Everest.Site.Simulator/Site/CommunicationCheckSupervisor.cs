namespace Everest.Site.Simulator.Site;

/// <summary>A change of EVerest's CommunicationFault on one API instance.</summary>
public enum CommunicationFaultChange
{
    Raised,
    Cleared,
}

/// <summary>
/// EVerest's communication check for one API instance: the fault is raised from the start until the first
/// <c>communication_check</c> arrives, raised again whenever none arrives for the timeout, and cleared by the
/// next one. <c>false</c> ends the supervision for good (until the module restarts), clearing the fault.
/// Pure: time is passed in.
/// </summary>
public sealed class CommunicationCheckSupervisor(TimeSpan timeout)
{
    private DateTimeOffset? _lastCheck;

    public bool IsFaulted { get; private set; } = true;

    public bool IsSupervising { get; private set; } = true;

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>A <c>communication_check</c> arrived.</summary>
    public CommunicationFaultChange? OnCheck(bool keepSupervising, DateTimeOffset now)
    {
        if (!IsSupervising)
        {
            return null;
        }

        _lastCheck = now;
        IsSupervising = keepSupervising;
        if (!IsFaulted)
        {
            return null;
        }

        IsFaulted = false;
        return CommunicationFaultChange.Cleared;
    }

    /// <summary>Time passed: raises the fault when the last check is older than the timeout.</summary>
    public CommunicationFaultChange? Evaluate(DateTimeOffset now)
    {
        if (!IsSupervising || IsFaulted || _lastCheck is not { } last || now - last <= Timeout)
        {
            return null;
        }

        IsFaulted = true;
        return CommunicationFaultChange.Raised;
    }
}
