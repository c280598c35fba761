using System.Globalization;

namespace MyTracker.Fake.Http;

internal sealed partial class TrackerServices
{
    /// <summary>
    /// Applies a fault. Latency delays and returns null (answer normally); every other kind returns
    /// the reply that replaces the answer, and the state is not advanced, since the client never got it.
    /// </summary>
    public async Task<Reply?> ApplyFaultAsync(Exchange exchange, FaultBuilder fault, Func<HttpAnswer> normalAnswer)
    {
        if (fault.Kind != FaultKind.ExpiredLink)
        {
            exchange.Faulted(fault.Kind);
        }

        switch (fault.Kind)
        {
            case FaultKind.Latency:
                try
                {
                    await Task.Delay(fault.Delay, exchange.Http.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up while waiting; the answer below goes nowhere.
                }

                return null;
            case FaultKind.Status when fault.StatusCode == 429:
                var tooMany = Answers.Envelope(429, "Too Many Requests", null)
                    .WithHeader("Retry-After", ((int)Math.Ceiling(fault.RetryAfter!.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
                return new Reply(tooMany, 429, FakeOutcome.Faulted);
            case FaultKind.Status:
                var html = $"<html><head><title>{fault.StatusCode}</title></head><body><center><h1>{fault.StatusCode}</h1></center><hr><center>nginx</center></body></html>\n";
                return new Reply(Answers.Text(fault.StatusCode, "text/html", html), fault.StatusCode, FakeOutcome.Faulted);
            case FaultKind.DropConnection:
                return new Reply(Answers.Text(500, "text/plain", string.Empty), 0, FakeOutcome.Faulted, Drop: true);
            case FaultKind.MalformedJson:
                var full = normalAnswer();
                var bytes = full.Body;
                var cut = Answers.Json(200, bytes[..Math.Max(1, (int)(bytes.Length * fault.Fraction))]);
                return new Reply(cut, 200, FakeOutcome.Faulted);
            case FaultKind.TruncatedBody:
            case FaultKind.TruncatedGzip:
                var answer = normalAnswer();
                var length = answer.Body.Length;
                var limit = (long)(length * fault.Fraction);
                var response = exchange.Http.Response;
                response.Body = new CuttingStream(response.Body, limit, exchange.Http, resetAfter: fault.Kind == FaultKind.TruncatedBody);
                return new Reply(answer, answer.StatusCode, FakeOutcome.Faulted);
            default:
                // ExpiredLink only means something for downloads, which handle it themselves.
                return null;
        }
    }
}
