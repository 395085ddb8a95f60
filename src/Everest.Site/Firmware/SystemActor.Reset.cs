using Akka.Actor;
using Akka.Event;
using Everest.Site.Domain.Firmware;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Firmware;

/// <summary>
/// Resets, the system time and the boot reason: <c>is_reset_allowed</c> refuses a Soft reset while any EVSE of the
/// charger has a transaction (a Hard one too unless <c>system.hard-reset-allowed</c>), and any reset during a
/// firmware installation; a scheduled <c>reset</c> waits until the charger is idle; <c>set_system_time</c> runs the
/// configured command or is refused, and is logged as a security event either way.
/// </summary>
public sealed partial class SystemActor
{
    /// <summary>A scheduled reset waiting for the charger to become idle.</summary>
    private ResetRequest? _pendingReset;

    private bool AnyTransaction => _charger.EvseIds.Any(id => _evses.TryGetValue(id, out var s) && s.TransactionOpen);

    private bool InstallationRunning => _job is { Ended: false } job && (job.EvsesTaken || job.Step.IsInstallPhase());

    private void OnIsResetAllowed(IsResetAllowed ask)
    {
        var allowed = !InstallationRunning && (!AnyTransaction || (ask.Type == ResetType.Hard && _settings.HardResetAllowed));
        _log.Info("Charger {0}: is_reset_allowed {1} answered {2}", _charger.ChargerId, ask.Type, allowed);
        Sender.Tell(allowed);
    }

    private void OnReset(ResetCharger reset)
    {
        if (reset.Request.Scheduled == true && AnyTransaction)
        {
            _log.Info("Charger {0}: scheduled {1} reset waits until no EVSE has a transaction", _charger.ChargerId, reset.Request.Type);
            _pendingReset = reset.Request;
            return;
        }

        PerformReset(reset.Request);
    }

    private void TryPendingReset()
    {
        if (_pendingReset is { } pending && !AnyTransaction)
        {
            _pendingReset = null;
            PerformReset(pending);
        }
    }

    private void PerformReset(ResetRequest request)
    {
        var reason = request.Scheduled == true ? BootReason.ScheduledReset : BootReason.RemoteReset;
        RecordBootReason(reason, () =>
        {
            _log.Warning("Security event on charger {0}: {1} reset ({2})", _charger.ChargerId, request.Type?.Value ?? "unspecified", reason);
            if (!string.IsNullOrWhiteSpace(_settings.ResetCommand))
            {
                RunCommand("reset", _settings.ResetCommand, [_charger.ChargerId]);
            }
        });
    }

    private void OnSetSystemTime(SetSystemTime set)
    {
        if (string.IsNullOrWhiteSpace(_settings.SetTimeCommand))
        {
            _log.Warning("Security event on charger {0}: set_system_time to {1:O} refused (system.set-time-command is empty)", _charger.ChargerId, set.Time);
            Sender.Tell(false);
            return;
        }

        _log.Warning("Security event on charger {0}: set_system_time to {1:O} through the configured command", _charger.ChargerId, set.Time);
        var replyTo = Sender;
        var time = set.Time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
        ExternalCommand.RunAsync(_settings.SetTimeCommand, [time], _settings.CommandTimeout)
            .PipeTo(replyTo, success: result => result.ExitCode == 0, failure: _ => false);
    }

    private void RunCommand(string what, string command, IReadOnlyList<string> arguments) =>
        ExternalCommand.RunAsync(command, arguments, _settings.CommandTimeout)
            .PipeTo(Self, success: result => new SystemCommandFinished(what, result.ExitCode, result.Failure), failure: e => new SystemCommandFinished(what, null, e.Message));

    private void OnSystemCommandFinished(SystemCommandFinished finished)
    {
        if (finished.ExitCode == 0)
        {
            _log.Info("Charger {0}: {1} command done", _charger.ChargerId, finished.What);
        }
        else
        {
            _log.Warning("Charger {0}: {1} command failed: {2}", _charger.ChargerId, finished.What, finished.Failure ?? $"exit code {finished.ExitCode}");
        }
    }
}
