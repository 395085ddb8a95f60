using Akka.Actor;
using Akka.Event;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Firmware;

/// <summary>
/// <c>upload_logs</c>: answered at once with the package's file name (Rejected for a location that is not HTTP(S));
/// then log_status Uploading → Uploaded / UploadFailure / PermissionDenied (BadMessage when the package cannot be built).
/// A new request replaces a running upload (AcceptedCanceled); the old one's result is ignored.
/// </summary>
public sealed partial class SystemActor
{
    private int? _uploadRequestId;

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
        var replacing = _uploadRequestId is not null;
        _uploadRequestId = requestId;
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
        UploadAsync().PipeTo(Self, success: r => r, failure: e => new LogUploadFinished(requestId, LogUploadState.UploadFailure, e.Message));

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
                return new LogUploadFinished(requestId, LogUploadState.BadMessage, e.Message);
            }

            var (state, reason) = await uploader.UploadAsync(location, fileName, package, retries, interval, CancellationToken.None);
            return new LogUploadFinished(requestId, state, reason);
        }
    }

    private void OnLogUploadFinished(LogUploadFinished finished)
    {
        if (_uploadRequestId != finished.RequestId)
        {
            return;
        }

        _uploadRequestId = null;
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
}
