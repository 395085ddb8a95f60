using Akka.Actor;
using Akka.Event;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Firmware;

/// <summary>
/// <c>upload_logs</c>: answered at once with the package's file name (Rejected for a location that is not HTTP(S));
/// then log_status Uploading → Uploaded / UploadFailure / PermissionDenied (BadMessage when the package cannot be built).
/// A new request replaces a running upload (AcceptedCanceled): the old one is cancelled and its result ignored.
/// </summary>
public sealed partial class SystemActor
{
    /// <summary>The upload running now, if any.</summary>
    private RunningUpload? _upload;

    /// <summary>Counts uploads, so that a replaced one is told from its successor even when both have the same request id (-1).</summary>
    private int _uploadGeneration;

    private void OnUploadLogs(UploadLogs upload)
    {
        var request = upload.Request;
        if (!Uri.TryCreate(request.Location ?? "", UriKind.Absolute, out var location) || (location.Scheme != Uri.UriSchemeHttp && location.Scheme != Uri.UriSchemeHttps))
        {
            _log.Warning("Charger {0}: upload_logs to '{1}' rejected: only http and https locations are supported", _charger.ChargerId, request.Location);
            Sender.Tell(new UploadLogsResponse(UploadLogsStatus.Rejected));
            return;
        }

        var requestId = request.RequestId ?? -1;
        var replacing = _upload is not null;
        if (_upload is { } running)
        {
            _log.Info("Charger {0}: log upload {1} is cancelled, replaced by request {2}", _charger.ChargerId, running.RequestId, requestId);
            // Not disposed here: the cancelled upload may still be looking at its token.
            running.Cancellation.Cancel();
        }

        var generation = ++_uploadGeneration;
        var cancellation = new CancellationTokenSource();
        _upload = new RunningUpload(generation, requestId, cancellation);
        var cancelled = cancellation.Token;
        var fileName = $"{_charger.ChargerId}-{Now:yyyyMMdd'T'HHmmss'Z'}.tar.gz";
        Sender.Tell(new UploadLogsResponse(replacing ? UploadLogsStatus.AcceptedCanceled : UploadLogsStatus.Accepted, fileName));
        PublishLogStatus(LogUploadState.Uploading, requestId);

        var system = Context.System;
        var ids = new List<string> { _charger.PersistenceId };
        ids.AddRange(_charger.EvseIds.Select(Evse.EvseActorSettings.PersistenceIdOf));
        var from = request.OldestTimestamp ?? DateTimeOffset.MinValue;
        var to = request.LatestTimestamp ?? DateTimeOffset.MaxValue;
        var logFiles = _settings.LogFiles;
        var uploader = _uploader;
        var retries = Math.Max(0, request.Retries ?? 0);
        var interval = TimeSpan.FromSeconds(Math.Max(0, request.RetryIntervalS ?? 30));
        UploadAsync().PipeTo(Self, success: r => r, failure: e => new LogUploadFinished(generation, requestId, LogUploadState.UploadFailure, e.Message));

        async Task<LogUploadFinished> UploadAsync()
        {
            byte[] package;
            try
            {
                var lines = await JournalRangeReader.ReadAsync(system, ids, from, to);
                package = LogUploader.Pack(logFiles, lines);
            }
            catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException)
            {
                return new LogUploadFinished(generation, requestId, LogUploadState.BadMessage, e.Message);
            }

            var (state, reason) = await uploader.UploadAsync(location, fileName, package, retries, interval, cancelled);
            return new LogUploadFinished(generation, requestId, state, reason);
        }
    }

    private void OnLogUploadFinished(LogUploadFinished finished)
    {
        if (_upload is not { } running || running.Generation != finished.Generation)
        {
            return;
        }

        running.Cancellation.Dispose();
        _upload = null;
        if (finished.State == LogUploadState.Uploaded)
        {
            _log.Info("Charger {0}: logs of request {1} uploaded", _charger.ChargerId, finished.RequestId);
        }
        else
        {
            _log.Warning("Charger {0}: log upload {1} ended {2}: {3}", _charger.ChargerId, finished.RequestId, finished.State, finished.Reason);
        }

        PublishLogStatus(finished.State, finished.RequestId);
    }

    private void PublishLogStatus(LogUploadState state, int requestId) =>
        _client.LogStatusAsync(new LogStatus(state, requestId))
            .PipeTo(Self, success: () => (object)Akka.Done.Instance, failure: error => new Status.Failure(new InvalidOperationException($"log_status {state} not published: {error.Message}", error)));

    private sealed record RunningUpload(int Generation, int RequestId, CancellationTokenSource Cancellation);
}
