using System.Net;
using System.Net.Http.Headers;
using MyTracker.Client.Http;
using MyTracker.Client.Operations;

namespace MyTracker.Client.Downloads;

/// <summary>
/// A file read straight from its link (rows without touching the disk). When the transfer breaks off
/// (reset, cut short, stalled) it asks for the rest from the byte it reached, with <c>Range</c> and
/// <c>If-Range</c>, if the server supports ranges and gave a strong <c>ETag</c>; a server that answers
/// with the whole file of the same <c>ETag</c> instead has the bytes already read skipped. At most
/// <see cref="MyTrackerClientOptions.MaxDownloadAttempts"/> breaks; then, or when resuming is not
/// possible, one <see cref="MyTrackerRequestFailedException"/>, since the rows already read cannot be taken back.
/// </summary>
internal sealed class ResumingReadStream : ReadOnlyStream
{
    private readonly Func<long, EntityTagHeaderValue?, CancellationToken, Task<HttpResponseMessage>> _reopen;
    private readonly MyTrackerClientOptions _options;
    private readonly Uri? _redactedLink;
    private readonly ExponentialBackoff _backoff;
    private HttpResponseMessage _response;
    private Stream _body;
    private EntityTagHeaderValue? _validator;
    private bool _rangesAccepted;
    private long? _totalLength;
    private long _position;
    private int _breaks;

    private ResumingReadStream(
        HttpResponseMessage response, Stream body, Func<long, EntityTagHeaderValue?, CancellationToken, Task<HttpResponseMessage>> reopen, MyTrackerClientOptions options)
    {
        _response = response;
        _body = body;
        _reopen = reopen;
        _options = options;
        _redactedLink = RequestFailureHandler.Redact(options.BaseAddress, response.RequestMessage?.RequestUri);
        _validator = response.Headers.ETag is { IsWeak: false } tag ? tag : null;
        _rangesAccepted = response.Headers.AcceptRanges.Contains("bytes", StringComparer.OrdinalIgnoreCase);
        _totalLength = response.Content.Headers.ContentLength;
        _backoff = ExponentialBackoff.From(options.Retry);
    }

    /// <param name="first">The successful answer to the first request (200).</param>
    /// <param name="reopen">Sends the request again from an offset with a validator and returns its successful answer.</param>
    /// <param name="options">The client's options (attempts, stall timeout, delays, clock).</param>
    /// <param name="cancellationToken">Cancels reading the headers' body stream.</param>
    public static async Task<ResumingReadStream> OpenAsync(
        HttpResponseMessage first, Func<long, EntityTagHeaderValue?, CancellationToken, Task<HttpResponseMessage>> reopen, MyTrackerClientOptions options, CancellationToken cancellationToken)
    {
        var body = await first.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new ResumingReadStream(first, Guard(body, options), reopen, options);
    }

    private bool CanResume => _validator is not null && _rangesAccepted;

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            try
            {
                var read = await _body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0 && buffer.Length > 0 && _totalLength is { } total && _position < total)
                {
                    throw new IOException($"the body ended after {_position} of {total} bytes");
                }

                _position += read;
                return read;
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                if (!CanResume || ++_breaks >= _options.MaxDownloadAttempts)
                {
                    var why = CanResume
                        ? $"the transfer broke off {_breaks} times, the last after byte {_position}: {ex.Message}"
                        : $"the transfer broke off after byte {_position} and the server does not support resuming it: {ex.Message}";
                    throw new MyTrackerRequestFailedException(200, "GET", _redactedLink, null, why, ex, _breaks + 1, exportId: null, fileName: null);
                }

                if (_options.Retry.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(_backoff.Next(), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                }

                await ReopenAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
            _response.Dispose();
        }

        base.Dispose(disposing);
    }

    private static StallGuardStream Guard(Stream body, MyTrackerClientOptions options) =>
        new(body, options.DownloadStallTimeout, options.TimeProvider, why => new TimeoutException("the download stalled: " + why));

    private async Task ReopenAsync(CancellationToken cancellationToken)
    {
        _body.Dispose();
        _response.Dispose();
        _response = await _reopen(_position, _validator, cancellationToken).ConfigureAwait(false);
        var body = Guard(await _response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _options);
        var tag = _response.Headers.ETag is { IsWeak: false } strong ? strong : null;
        if (_response.StatusCode == HttpStatusCode.PartialContent &&
            _response.Content.Headers.ContentRange is { HasRange: true, HasLength: true } range && range.From == _position &&
            (_totalLength is null || range.Length == _totalLength))
        {
            _totalLength = range.Length;
            _body = body;
            return;
        }

        if (_response.StatusCode == HttpStatusCode.OK && tag is not null && tag.Equals(_validator))
        {
            // The same file again, whole: skip what the reader already has.
            await SkipAsync(body, _position, cancellationToken).ConfigureAwait(false);
            _body = body;
            return;
        }

        body.Dispose();
        throw new MyTrackerRequestFailedException(
            (int)_response.StatusCode, "GET", _redactedLink, null, $"the file changed or the server answered another range while it was being read (after byte {_position})");
    }

    private static async Task SkipAsync(Stream body, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (count > 0)
        {
            var read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("the whole file sent again was shorter than what was read before");
            }

            count -= read;
        }
    }
}
