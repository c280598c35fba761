using System.Net;
using System.Net.Http.Headers;
using MyTracker.Client.Http;
using MyTracker.Client.Operations;

namespace MyTracker.Client.Downloads;

/// <summary>
/// Brings one file of a job to disk, through faults: each request already went through the client's
/// retry pipeline (5xx, 429, drops before the headers); this adds what only a whole transfer can
/// see. A transfer cut mid-body resumes with <c>Range</c> + <c>If-Range</c> when the server said it
/// supports ranges (<c>Accept-Ranges: bytes</c>) and gave a strong <c>ETag</c>, so the rest is
/// asked for only if the file is still the same; otherwise it starts over. A body shorter than its
/// announced length, or a file its format's check refuses (gzip that ends inside a member, a zip whose
/// central directory or entries are cut or corrupt: <see cref="FileVerification"/>), is asked for
/// again; an expired or refused link is renewed. The format is the link's extension's, else the
/// whole answer's <c>Content-Type</c>'s, else gzip (<see cref="ExportFileFormat"/>). At most
/// <see cref="MyTrackerClientOptions.MaxDownloadAttempts"/> failures, then one <see cref="MyTrackerRequestFailedException"/> naming the export, the file and the redacted link.
/// </summary>
internal sealed class FileTransfer
{
    private readonly HttpClient _http;
    private readonly MyTrackerClientOptions _options;
    private readonly DownloadJob _job;
    private readonly LinkSet _links;
    private readonly int _index;
    private readonly string _name;

    // What the server said about the file, kept across attempts to resume it.
    private EntityTagHeaderValue? _validator;
    private bool _rangesAccepted;
    private long? _totalLength;
    private ExportFileFormat? _answeredFormat;

    private int _failures;
    private int _attempts;
    private MyTrackerRequestFailedException? _lastFailure;

    public FileTransfer(HttpClient http, MyTrackerClientOptions options, DownloadJob job, LinkSet links, int index)
    {
        _http = http;
        _options = options;
        _job = job;
        _links = links;
        _index = index;
        _name = job.LocalNames[index];
    }

    private bool CanResume => _validator is not null && _rangesAccepted;

    public async Task<FetchedFile> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await RunAttemptsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // Cancelled while a failure was on its way: the caller asked to stop, so that is the answer.
            throw new OperationCanceledException("The download was cancelled.", ex, cancellationToken);
        }
    }

    private async Task<FetchedFile> RunAttemptsAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(_job.Directory, _name);
        PartialFile.DeleteStale(_job.Directory, _name);
        await using var partial = new PartialFile(path);
        // The same delays as the request pipeline's retries (no wait at all when Retry.Delay is zero).
        var backoff = ExponentialBackoff.From(_options.Retry);
        var renewals = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (link, generation) = _links.Get(_index);
            if (IsExpired(link))
            {
                // Not a failure (links expire), but bounded like one: a server that keeps listing dead links ends too.
                if (++renewals > _options.MaxDownloadAttempts)
                {
                    throw GiveUp(Failure(link, 0, null, "its link was still expired after renewing it"));
                }

                await RenewAsync(link, generation, "its link expired", 0, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var attempt = await AttemptAsync(link, partial, cancellationToken).ConfigureAwait(false);
            if (attempt.Failure is null)
            {
                var length = await partial.CommitAsync().ConfigureAwait(false);
                return new FetchedFile(_index, link, path, length, Skipped: false);
            }

            Fail(attempt.Failure);
            if (attempt.RenewLink)
            {
                await RenewAsync(link, generation, "the server refused its link", attempt.Failure.Status, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (_options.Retry.Delay > TimeSpan.Zero)
            {
                await Task.Delay(backoff.Next(), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One request and its body. Returns the failure instead of throwing it, so the caller counts it.</summary>
    private async Task<(MyTrackerRequestFailedException? Failure, bool RenewLink)> AttemptAsync(FileLink file, PartialFile partial, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, file.Link);
        request.Options.Set(RequestOptionKeys.StreamedBody, true);
        var resumeFrom = CanResume ? partial.Length : 0;
        if (resumeFrom > 0)
        {
            request.Headers.Range = new RangeHeaderValue(resumeFrom, null);
            request.Headers.IfRange = new RangeConditionHeaderValue(_validator!);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (MyTrackerRequestFailedException ex) when (ex.IsTransient && !cancellationToken.IsCancellationRequested)
        {
            _attempts += ex.Attempts;
            return (Scoped(ex), false);
        }

        using (response)
        {
            _attempts += RequestOptionKeys.AttemptsOf(request);
            var status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return (Failure(file, status, await ExcerptAsync(response, cancellationToken).ConfigureAwait(false), "the server refused its link"), true);
            }

            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                // What is on disk is as long as the file or longer, yet did not pass its format's check: start over.
                partial.Reset();
                return (Failure(file, status, null, $"the server has nothing after byte {resumeFrom}, so the bytes so far were not the file; starting over"), false);
            }

            if (!response.IsSuccessStatusCode)
            {
                var failure = Failure(file, status, await ExcerptAsync(response, cancellationToken).ConfigureAwait(false), "the download failed");
                if (!failure.IsTransient)
                {
                    // 400, 405, ...: no retry will change that answer.
                    throw GiveUp(failure, force: true);
                }

                return (failure, false);
            }

            if (!Accept(response, resumeFrom, partial, out var mismatch))
            {
                return (Failure(file, status, null, mismatch), false);
            }

            var before = partial.Length;
            try
            {
                await using var body = new StallGuardStream(
                    await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false),
                    _options.DownloadStallTimeout,
                    _options.TimeProvider,
                    why => new TimeoutException("the download stalled: " + why));
                await partial.AppendAsync(body, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && cancellationToken.IsCancellationRequested)
            {
                // The caller cancelled while bytes were in flight; the transport may report that as a broken stream.
                throw new OperationCanceledException("The download was cancelled.", ex, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or TimeoutException)
            {
                var why = ex is TimeoutException ? ex.Message : $"the transfer broke off after {partial.Length - before} bytes: {ex.Message}";
                return (Failure(file, status, null, why + (CanResume ? "; resuming" : "; starting over"), ex), false);
            }

            if (_totalLength is { } total && partial.Length != total)
            {
                if (partial.Length > total)
                {
                    partial.Reset();
                }

                return (Failure(file, status, null, $"the body ended after {partial.Length} of {total} bytes"), false);
            }

            var format = FormatOf(file);
            try
            {
                await partial.VerifyAsync(format, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                // A body of unknown length that ended cleanly inside a gzip member (or before a zip's
                // central directory): ask for the rest if possible (a 416 then says there is none);
                // anything else starts over.
                if (_totalLength is not null || !CanResume)
                {
                    partial.Reset();
                }

                return (Failure(file, status, null, $"{_name} is not a complete {ExportFileFormats.Describe(format)}: {ex.Message}", ex), false);
            }

            return (null, false);
        }
    }

    /// <summary>Takes a 200 (start over) or a 206 that continues exactly where the file on disk ends.</summary>
    private bool Accept(HttpResponseMessage response, long resumeFrom, PartialFile partial, out string mismatch)
    {
        mismatch = string.Empty;
        var tag = response.Headers.ETag is { IsWeak: false } strong ? strong : null;
        if (response.StatusCode != HttpStatusCode.PartialContent)
        {
            // The whole file, also when a range was asked for (the server ignores ranges, or If-Range
            // said the file changed): what is on disk goes.
            partial.Reset();
            _validator = tag;
            _rangesAccepted = response.Headers.AcceptRanges.Contains("bytes", StringComparer.OrdinalIgnoreCase);
            _totalLength = response.Content.Headers.ContentLength;
            _answeredFormat = ExportFileFormats.FromContentType(response.Content.Headers.ContentType?.MediaType);
            return true;
        }

        var range = response.Content.Headers.ContentRange;
        if (resumeFrom == 0 || range is not { HasRange: true, HasLength: true } || range.From != resumeFrom ||
            (_totalLength is { } known && range.Length != known) || (tag is not null && _validator is not null && !tag.Equals(_validator)))
        {
            partial.Reset();
            _validator = null;
            mismatch = $"the server answered the range {range} to a request for bytes {resumeFrom}-; starting over";
            return false;
        }

        _totalLength = range.Length;
        return true;
    }

    private async Task RenewAsync(FileLink link, int generation, string why, int status, CancellationToken cancellationToken)
    {
        if (!_links.CanRenew)
        {
            throw GiveUp(Failure(link, status, null, $"the download cannot go on: {why} and no way to renew links was given"), force: true);
        }

        try
        {
            await _links.RenewAsync(generation, cancellationToken).ConfigureAwait(false);
        }
        catch (MyTrackerRequestFailedException ex) when (ex.IsTransient && !cancellationToken.IsCancellationRequested)
        {
            // The renewal poll failed even after its own retries: one more failure of this file.
            _attempts += ex.Attempts;
            Fail(Scoped(ex));
        }
    }

    private void Fail(MyTrackerRequestFailedException failure)
    {
        _lastFailure = failure;
        if (++_failures >= _options.MaxDownloadAttempts)
        {
            throw GiveUp(failure);
        }
    }

    private MyTrackerRequestFailedException GiveUp(MyTrackerRequestFailedException last, bool force = false)
    {
        var failures = force ? _failures : Math.Max(_failures, 1);
        var reason = failures > 1
            ? $"gave up downloading {_name} after {failures} failed attempts, the last: {last.Reason}"
            : $"could not download {_name}: {last.Reason}";
        return last.GaveUp(reason, Math.Max(_attempts, 1), _job.ExportId, _name);
    }

    private MyTrackerRequestFailedException Failure(FileLink file, int status, string? body, string reason, Exception? inner = null) =>
        new(status, "GET", RequestFailureHandler.Redact(_options.BaseAddress, file.Link), body, reason, inner, 1, _job.ExportId, _name);

    private MyTrackerRequestFailedException Scoped(MyTrackerRequestFailedException failure) =>
        new(failure.Status, failure.Method, failure.RequestUri, failure.BodyExcerpt, failure.Reason, failure.InnerException, failure.Attempts, _job.ExportId, _name);

    /// <summary>The format to verify: the link's extension decides; the server's content type only for a link without one.</summary>
    private ExportFileFormat FormatOf(FileLink file) =>
        ExportFileFormats.FromLink(file.Link) ?? _answeredFormat ?? ExportFileFormat.CsvGzip;

    private bool IsExpired(FileLink file) =>
        _options.TimeProvider.GetUtcNow() >= file.ExpiresAt - _options.LinkExpirySafetyMargin;

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 4 * MyTrackerRequestFailedException.MaxBodyExcerptLength));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return null;
        }
    }
}
