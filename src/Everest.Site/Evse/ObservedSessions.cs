using Everest.Site.Domain.Evse;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Evse;

/// <summary>Reduces EVerest's session_info to what <see cref="TransactionReconciler"/> needs.</summary>
public static class ObservedSessions
{
    /// <summary>
    /// What <paramref name="state"/> says the EVSE is doing, or null for a state this version does not know
    /// (a newer EVerest): reconciling on a guess could close a running transaction.
    /// </summary>
    public static ObservedActivity? ActivityOf(EvseState state) => state.Value switch
    {
        "Unknown" or "Unplugged" or "Disabled" or "Reserved" => ObservedActivity.Idle,
        "Preparing" or "AuthRequired" or "AuthTimeout" or "Finished" or "FinishedEVSE" or "FinishedEV" => ObservedActivity.SessionOnly,
        "WaitingForEnergy" or "Charging" or "ChargingPausedEV" or "ChargingPausedEVSE" => ObservedActivity.Transaction,
        _ => null,
    };

    /// <summary>The observation from <paramref name="info"/> and the latest meter reading, or null when the state is not known.</summary>
    public static ObservedSession? From(SessionInfo info, Powermeter? meter)
    {
        ArgumentNullException.ThrowIfNull(info);
        return ActivityOf(info.State) is { } activity
            ? new ObservedSession(info.Timestamp, activity, info.TransactionStartTime, info.TransactionEndTime, SessionEventTranslator.ImportedWh(meter))
            : null;
    }
}
