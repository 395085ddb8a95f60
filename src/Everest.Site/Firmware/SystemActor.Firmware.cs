using Akka.Actor;
using Akka.Event;
using Everest.Site.Domain.Firmware;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Firmware.Events;

namespace Everest.Site.Firmware;

/// <summary>
/// The firmware update: accepted or refused, downloaded (retried on the actor's clock), verified, then installed in
/// the place the rollout gives it. <see cref="Advance"/> looks at the job and starts whatever is due next, so the
/// same code continues an update after a restart.
/// </summary>
public sealed partial class SystemActor
{
    /// <summary>Work of the current job that runs now (not persisted: after a restart it is started again or rolled back).</summary>
    private bool _downloading;
    private int _downloadAttempts;
    private bool _verifying;
    private bool _slotRequested;
    private bool _slotGranted;
    private bool _allowed;
    private bool _installing;
    private DateTimeOffset? _rebootingSince;

    /// <summary>The last heartbeat counter of the charger's system module: a lower one means EVerest restarted.</summary>
    private ulong? _lastHeartbeatCounter;

    /// <summary>The counter when the charger began rebooting (null: unknown, e.g. after a controller restart).</summary>
    private ulong? _counterAtReboot;
    private bool _verifyingInstall;

    private void OnUpdateFirmware(UpdateFirmware update)
    {
        var request = update.Request;
        var location = FirmwareLocation.Check(request.Location ?? "", _settings.LocalFolder, out var locationProblem);
        if (location is null || request.Retries is < 0 || request.RetryIntervalS is < 0)
        {
            var why = locationProblem ?? "retries and retry_interval_s must not be negative";
            _log.Warning("Charger {0}: update_firmware {1} rejected: {2}", _charger.ChargerId, request.RequestId, why);
            Sender.Tell(UpdateFirmwareResponse.Rejected);
            return;
        }

        var (refusal, reason) = _trust.CheckCertificate(request, Now);
        if (refusal is { } refused)
        {
            // A security event: someone offered firmware we must not trust.
            _log.Warning("Security event on charger {0}: update_firmware {1} answered {2}: {3}", _charger.ChargerId, request.RequestId, refused, reason);
            Sender.Tell(refused);
            return;
        }

        // While the EVSEs may still carry our disable entry (installing, or being given back after the end), a new
        // request would lose track of them: refused until they are back.
        if (_job is { } current && (current.EvsesTaken || (!current.Ended && current.Step.IsInstallPhase())))
        {
            _log.Warning("Charger {0}: update_firmware {1} rejected: request {2} is installing or giving the EVSEs back", _charger.ChargerId, request.RequestId, current.RequestId);
            Sender.Tell(UpdateFirmwareResponse.Rejected);
            return;
        }

        var replacing = _job is { Ended: false } ? _job : null;

        var replyTo = Sender;
        var accepted = new FirmwareUpdateAccepted(
            request.RequestId,
            location.ToString(),
            request.RetrieveTimestamp,
            request.InstallTimestamp,
            request.Retries ?? _settings.DownloadRetries,
            request.RetryIntervalS ?? (int)_settings.DownloadRetryInterval.TotalSeconds,
            request.SigningCertificate,
            request.Signature,
            update.RolloutId,
            Now);
        Persist(accepted, e =>
        {
            if (replacing is not null)
            {
                _log.Info("Charger {0}: firmware request {1} replaces request {2} at {3}", _charger.ChargerId, e.RequestId, replacing.RequestId, replacing.Step);
                LeaveRollout(replacing.RequestId, succeeded: false, "replaced by a newer request", cancelled: true);
                if (replacing.ImagePath is { } old)
                {
                    FirmwareDownloader.TryDelete(old);
                }
            }

            ResetRuntime();
            Apply(e);
            replyTo.Tell(replacing is null ? UpdateFirmwareResponse.Accepted : UpdateFirmwareResponse.AcceptedCanceled);
            _log.Info("Charger {0}: firmware request {1} accepted from {2}", _charger.ChargerId, e.RequestId, e.Location);
            PublishStep();
            Advance();
        });
    }

    private void ResetRuntime()
    {
        _downloading = false;
        _downloadAttempts = 0;
        _verifying = false;
        _slotRequested = false;
        _slotGranted = false;
        _allowed = false;
        _installing = false;
        _rebootingSince = null;
        _counterAtReboot = null;
        _verifyingInstall = false;
        _taking.Clear();
        _returning.Clear();
        _disabled.Clear();
        _released.Clear();
        Timers.CancelAll();
    }

    /// <summary>Starts whatever the current job needs next.</summary>
    private void Advance()
    {
        if (_job is not { } job)
        {
            return;
        }

        if (job.Ended)
        {
            if (job.EvsesTaken)
            {
                ReturnEvses();
            }

            return;
        }

        switch (job.Step)
        {
            case FirmwareStep.Idle or FirmwareStep.DownloadScheduled:
                if (job.Order.RetrieveAt is { } retrieveAt && retrieveAt > Now)
                {
                    Report(FirmwareStep.DownloadScheduled, $"download at {retrieveAt:O}");
                    Timers.StartSingleTimer(RetrieveTimer, new FirmwareTimer(RetrieveTimer), retrieveAt - Now);
                    return;
                }

                StartDownload();
                return;
            case FirmwareStep.Downloading:
                if (!_downloading && !Timers.IsTimerActive(RetryTimer))
                {
                    StartDownload();
                }

                return;
            case FirmwareStep.Downloaded:
                if (job.ImagePath is null || !File.Exists(job.ImagePath))
                {
                    Report(FirmwareStep.DownloadFailed, "the downloaded image is gone");
                    return;
                }

                if (!_trust.Enabled && string.IsNullOrEmpty(job.Order.Signature))
                {
                    ScheduleInstall(job);
                    return;
                }

                StartVerification(job);
                return;
            case FirmwareStep.SignatureVerified or FirmwareStep.InstallScheduled:
                ScheduleInstall(job);
                return;
            case FirmwareStep.Installing:
                if (!_installing)
                {
                    // Only after a restart: whether the interrupted installation completed is unknown, so it failed
                    // and the EVSEs go back into service on the old firmware.
                    Report(FirmwareStep.InstallationFailed, "the controller restarted during the installation");
                }

                return;
            case FirmwareStep.InstallRebooting:
                // The installer finished; the charger is back when its EVerest restarted (see OnHeartbeat), within
                // back-within of the reboot, or the installation failed its verification.
                if (_rebootingSince is null)
                {
                    _rebootingSince = Now;
                    var left = job.Since + _settings.BackWithin - Now;
                    Timers.StartSingleTimer(BackTimer, new FirmwareTimer(BackTimer), left > BackGraceAfterRestart ? left : BackGraceAfterRestart);
                }

                return;
        }
    }

    private void StartDownload()
    {
        var job = _job!;
        if (_downloading)
        {
            return;
        }

        _downloading = true;
        _downloadAttempts++;
        Report(FirmwareStep.Downloading, null);
        var target = Path.Combine(_settings.Folder, _charger.ChargerId, $"{job.RequestId}-{ImageName(job.Order.Location)}");
        var requestId = job.RequestId;
        _downloader.DownloadAsync(new Uri(job.Order.Location), target, _settings.MaxDownloadBytes, CancellationToken.None)
            .PipeTo(Self, success: outcome => new DownloadFinished(requestId, outcome), failure: e => new DownloadFinished(requestId, DownloadOutcome.Failed(e.Message)));
    }

    private static string ImageName(string location)
    {
        var name = Path.GetFileName(new Uri(location).LocalPath);
        var safe = new string([.. name.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')]).TrimStart('.');
        return safe.Length == 0 ? "firmware.bin" : safe[..Math.Min(safe.Length, 100)];
    }

    private void OnDownloadFinished(DownloadFinished finished)
    {
        if (_job is not { } job || job.RequestId != finished.RequestId || job.Step != FirmwareStep.Downloading)
        {
            if (finished.Outcome.Path is { } stale)
            {
                FirmwareDownloader.TryDelete(stale);
            }

            return;
        }

        _downloading = false;
        if (finished.Outcome.Path is { } path)
        {
            _log.Info("Charger {0}: firmware {1} downloaded to {2}", _charger.ChargerId, job.RequestId, path);
            Report(FirmwareStep.Downloaded, path);
            return;
        }

        var retriesLeft = job.Order.Retries - (_downloadAttempts - 1);
        if (finished.Outcome.Permanent || retriesLeft <= 0)
        {
            _log.Warning("Charger {0}: download of firmware {1} failed for good after {2} attempts: {3}", _charger.ChargerId, job.RequestId, _downloadAttempts, finished.Outcome.Failure);
            Report(FirmwareStep.DownloadFailed, finished.Outcome.Failure);
            return;
        }

        var wait = TimeSpan.FromSeconds(Math.Max(0, job.Order.RetryIntervalS));
        _log.Warning("Charger {0}: download of firmware {1} failed ({2}); {3} retries left, next in {4}", _charger.ChargerId, job.RequestId, finished.Outcome.Failure, retriesLeft, wait);
        Timers.StartSingleTimer(RetryTimer, new FirmwareTimer(RetryTimer), wait);
    }

    private void StartVerification(FirmwareJob job)
    {
        if (_verifying)
        {
            return;
        }

        _verifying = true;
        var requestId = job.RequestId;
        var path = job.ImagePath!;
        var certificate = job.Order.SigningCertificate;
        var signature = job.Order.Signature;
        Task.Run(() =>
        {
            if (string.IsNullOrWhiteSpace(certificate) || string.IsNullOrWhiteSpace(signature))
            {
                return new SignatureChecked(requestId, false, "signing_certificate and signature are both needed to verify the image");
            }

            try
            {
                return FirmwareTrust.VerifySignature(path, certificate, signature)
                    ? new SignatureChecked(requestId, true, null)
                    : new SignatureChecked(requestId, false, "the signature does not match the image's SHA-256 under the signing certificate's key");
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
            {
                return new SignatureChecked(requestId, false, e.Message);
            }
        }).PipeTo(Self);
    }

    private void OnSignatureChecked(SignatureChecked checkedSignature)
    {
        if (_job is not { } job || job.RequestId != checkedSignature.RequestId || job.Step != FirmwareStep.Downloaded)
        {
            return;
        }

        _verifying = false;
        if (checkedSignature.Valid)
        {
            Report(FirmwareStep.SignatureVerified, null);
            return;
        }

        _log.Warning("Security event on charger {0}: firmware {1} has an invalid signature: {2}", _charger.ChargerId, job.RequestId, checkedSignature.Reason);
        FirmwareDownloader.TryDelete(job.ImagePath!);
        Report(FirmwareStep.InvalidSignature, checkedSignature.Reason);
    }

    private void ScheduleInstall(FirmwareJob job)
    {
        if (job.Order.InstallAt is { } installAt && installAt > Now)
        {
            Report(FirmwareStep.InstallScheduled, $"installation at {installAt:O}");
            Timers.StartSingleTimer(InstallTimer, new FirmwareTimer(InstallTimer), installAt - Now);
            return;
        }

        if (!_slotRequested)
        {
            _slotRequested = true;
            Context.Parent.Tell(new RequestInstallSlot(_charger.ChargerId, job.RequestId, job.Order.RolloutId));
            return;
        }

        if (_slotGranted)
        {
            TakeEvses();
        }
    }

    private void OnSlotQueued(InstallSlotQueued queued)
    {
        if (_job is { Ended: false } job && job.RequestId == queued.RequestId)
        {
            Report(FirmwareStep.InstallScheduled, queued.Reason);
        }
    }

    private void OnSlotGranted(InstallSlotGranted granted)
    {
        if (_job is not { Ended: false } job || job.RequestId != granted.RequestId)
        {
            // A place for a request that is gone: give it back at once.
            Context.Parent.Tell(new InstallEnded(_charger.ChargerId, granted.RequestId, false, "the request is no longer running") { Cancelled = true });
            return;
        }

        _slotGranted = true;
        StartStopTransactionsDeadline();
        if (!job.EvsesTaken)
        {
            Persist(new FirmwareEvsesTaken(job.RequestId, Now), e =>
            {
                Apply(e);
                TakeEvses();
            });
            return;
        }

        TakeEvses();
    }

    private void OnRolloutHalted(RolloutHalted halted)
    {
        if (_job is { Ended: false } job && job.RequestId == halted.RequestId)
        {
            _log.Warning("Charger {0}: firmware {1} is not installed: {2}", _charger.ChargerId, job.RequestId, halted.Reason);
            Report(FirmwareStep.InstallationFailed, halted.Reason);
        }
    }

    private void OnAllowInstallation()
    {
        _allowed = true;
        if (_job is { Ended: false, EvsesTaken: true })
        {
            TakeEvses();
        }
    }

    /// <summary>Every EVSE is out of service (and EVerest allowed it, if configured): install.</summary>
    private void Install()
    {
        var job = _job!;
        if (_installing || job.Step.IsInstallPhase() || job.Ended)
        {
            return;
        }

        if (_settings.WaitForEverestAllow && !_allowed)
        {
            Report(FirmwareStep.InstallScheduled, "waiting for EVerest's allow_firmware_installation");
            return;
        }

        _installing = true;
        Report(FirmwareStep.Installing, null);
        var requestId = job.RequestId;
        _installer.InstallAsync(_charger.ChargerId, job.ImagePath!, CancellationToken.None)
            .PipeTo(Self, success: outcome => new InstallFinished(requestId, outcome), failure: e => new InstallFinished(requestId, new InstallOutcome(false, e.Message)));
    }

    private void OnInstallFinished(InstallFinished finished)
    {
        if (_job is not { } job || job.RequestId != finished.RequestId || job.Step != FirmwareStep.Installing)
        {
            return;
        }

        _installing = false;
        if (!finished.Outcome.Succeeded)
        {
            _log.Warning("Charger {0}: installing firmware {1} failed: {2}", _charger.ChargerId, job.RequestId, finished.Outcome.Failure);
            Report(FirmwareStep.InstallationFailed, finished.Outcome.Failure);
            return;
        }

        // With no heartbeat seen yet in this run, the next one may still come from before the reboot: it proves
        // nothing by itself (0 is below no counter); a later one counting lower, or EVerest asking for its boot
        // reason, does. (Null is kept for a controller restart during the reboot, where the first heartbeat counts.)
        _counterAtReboot = _lastHeartbeatCounter ?? 0;
        _rebootingSince = Now;
        Timers.StartSingleTimer(BackTimer, new FirmwareTimer(BackTimer), _settings.BackWithin);
        Report(FirmwareStep.InstallRebooting, null);
        RecordBootReason(BootReason.FirmwareUpdate);
    }

    private void OnHeartbeat(ulong counter)
    {
        _lastHeartbeatAt = Now;
        var previous = _lastHeartbeatCounter;
        _lastHeartbeatCounter = counter;

        // Back means EVerest restarted after the installation: its heartbeat counts from 0 again. A heartbeat from
        // before the reboot (still on its way, or sent before the charger went down) does not count. After a
        // controller restart the counter before the reboot is unknown, and the first heartbeat counts.
        if (_counterAtReboot is not { } before || counter < before || (previous is { } last && counter < last))
        {
            OnEverestStarted(_counterAtReboot is null ? "its first heartbeat since the controller started" : "its heartbeat counts from 0 again");
        }
    }

    /// <summary>
    /// EVerest (re)started: its heartbeat counter began again, or it asked for its boot reason, as it does when it
    /// starts. After an installation, that is the charger coming back.
    /// </summary>
    private void OnEverestStarted(string sign)
    {
        if (_job is { Step: FirmwareStep.InstallRebooting } job && _rebootingSince is not null && !_verifyingInstall)
        {
            _verifyingInstall = true;
            _log.Info("Charger {0}: back after installing firmware {1} ({2}); verifying", _charger.ChargerId, job.RequestId, sign);
            var requestId = job.RequestId;
            _installer.VerifyAsync(_charger.ChargerId, job.ImagePath!, CancellationToken.None)
                .PipeTo(Self, success: outcome => new InstallVerified(requestId, outcome), failure: e => new InstallVerified(requestId, new InstallOutcome(false, e.Message)));
        }
    }

    private void OnInstallVerified(InstallVerified verified)
    {
        if (_job is not { Step: FirmwareStep.InstallRebooting } job || job.RequestId != verified.RequestId)
        {
            return;
        }

        _verifyingInstall = false;
        Timers.Cancel(BackTimer);
        if (verified.Outcome.Succeeded)
        {
            _log.Info("Charger {0}: firmware {1} installed; the charger is back", _charger.ChargerId, job.RequestId);
            Report(FirmwareStep.Installed, null);
            return;
        }

        _log.Warning("Charger {0}: firmware {1} failed its verification: {2}", _charger.ChargerId, job.RequestId, verified.Outcome.Failure);
        Report(FirmwareStep.InstallVerificationFailed, verified.Outcome.Failure);
    }

    private void OnBackTimeout()
    {
        if (_job is { Step: FirmwareStep.InstallRebooting } job && !_verifyingInstall)
        {
            _log.Warning("Charger {0}: not back within {1} after installing firmware {2}", _charger.ChargerId, _settings.BackWithin, job.RequestId);
            Report(FirmwareStep.InstallVerificationFailed, $"the charger did not come back (its EVerest restarting) within {_settings.BackWithin}");
        }
    }

    private void OnTimer(FirmwareTimer timer)
    {
        if (ReferenceEquals(timer, FirmwareTimer.Recovered))
        {
            OnRecovered();
            return;
        }

        if (timer.Name == EvseRetryTimer)
        {
            if (_job is { EvsesTaken: true } job)
            {
                if (job.Ended)
                {
                    ReturnEvses();
                }
                else
                {
                    TakeEvses();
                }
            }

            return;
        }

        if (timer.Name == StopTransactionsTimer)
        {
            StopBusyTransactions();
            return;
        }

        if (timer.Name == BackTimer)
        {
            OnBackTimeout();
            return;
        }

        if (timer.Name == InstallTimer && _job is { Ended: false } scheduled)
        {
            ScheduleInstallNow(scheduled);
            return;
        }

        Advance();
    }

    private void ScheduleInstallNow(FirmwareJob job)
    {
        if (!_slotRequested)
        {
            _slotRequested = true;
            Context.Parent.Tell(new RequestInstallSlot(_charger.ChargerId, job.RequestId, job.Order.RolloutId));
        }
    }

    private void OnRecovered()
    {
        if (!_bootReasonRecorded)
        {
            // The first start of this charger's system actor: EVerest asking for the boot reason gets PowerUp.
            RecordBootReason(BootReason.PowerUp);
        }

        PublishStep();
        if (_job is not { } job)
        {
            return;
        }

        if (!job.Ended && job.EvsesTaken && !job.Step.IsInstallPhase())
        {
            // The controller stopped while taking the EVSEs out of service; its place in the rollout is gone with it.
            // Give them back and queue again.
            _log.Info("Charger {0}: firmware {1} was taking the EVSEs out of service when the controller stopped; giving them back first", _charger.ChargerId, job.RequestId);
            ReturnEvses();
            return;
        }

        if (job.Ended && !job.EvsesTaken)
        {
            // The rollout may not have heard that this request ended (the controller stopped in between): tell it
            // again. It only counts a charger that still holds a place for this request.
            Context.Parent.Tell(new InstallEnded(_charger.ChargerId, job.RequestId, job.Step == FirmwareStep.Installed, job.Detail));
        }

        Advance();
    }

    /// <summary>Reports <paramref name="step"/> once per request (persisted first), then takes the next step.</summary>
    private void Report(FirmwareStep step, string? detail)
    {
        var job = _job!;
        if (!FirmwareSteps.MayReport(job.Reported, step))
        {
            return;
        }

        Persist(new FirmwareStepReached(job.RequestId, step, detail, Now), e =>
        {
            Apply(e);
            _client.FirmwareUpdateStatusAsync(new FirmwareUpdateStatus(FirmwareUpdateState.FromWire(step.ToString()), e.RequestId))
                .PipeTo(Self, success: () => (object)Akka.Done.Instance, failure: error => new Status.Failure(new InvalidOperationException($"firmware_update_status {step} not published: {error.Message}", error)));
            PublishStep();
            if (step.IsEnd())
            {
                OnJobEnded(_job!);
            }
            else if (step != FirmwareStep.InstallScheduled && step != FirmwareStep.Downloading && step != FirmwareStep.DownloadScheduled)
            {
                Advance();
            }
        });
    }

    private void OnJobEnded(FirmwareJob job)
    {
        Timers.Cancel(RetrieveTimer);
        Timers.Cancel(RetryTimer);
        Timers.Cancel(InstallTimer);
        Timers.Cancel(StopTransactionsTimer);
        Timers.Cancel(BackTimer);
        if (job.Step != FirmwareStep.Installed && job.ImagePath is { } image)
        {
            FirmwareDownloader.TryDelete(image);
        }

        if (job.EvsesTaken)
        {
            ReturnEvses();
        }
        else
        {
            LeaveRollout(job.RequestId, job.Step == FirmwareStep.Installed, job.Detail, cancelled: !_slotGranted && !_slotRequested);
        }
    }

    /// <summary>Tells the rollout that this charger's request is over (it frees its place; a failure halts the rollout).</summary>
    private void LeaveRollout(int requestId, bool succeeded, string? reason, bool cancelled)
    {
        if (_slotRequested || _slotGranted || !cancelled)
        {
            Context.Parent.Tell(new InstallEnded(_charger.ChargerId, requestId, succeeded, reason) { Cancelled = cancelled });
        }
    }
}
