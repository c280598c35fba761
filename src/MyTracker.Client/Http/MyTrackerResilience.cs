using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MyTracker.Client.Http;

/// <summary>
/// The one resilience pipeline every <see cref="MyTrackerClient"/> sends through, whichever
/// constructor built it (dependency injection included): a total budget, then retries with
/// exponential backoff and jitter, then a timeout per attempt; all timed by the client's
/// <see cref="TimeProvider"/>. Built on Polly (<c>Microsoft.Extensions.Http.Resilience</c>'s handler and
/// transient-failure predicates) without a container.
/// </summary>
/// <remarks>
/// No circuit breaker: one client drives one export job, and a breaker opened by a burst of faults
/// would fail the rest of the job fast instead of letting it ride the faults out.
/// </remarks>
internal static class MyTrackerResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Build(MyTrackerClientOptions options)
    {
        var retry = options.Retry;
        var time = options.TimeProvider;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "MyTracker", TimeProvider = time };
        if (retry.TotalTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Name = "MyTracker.Total", Timeout = retry.TotalTimeout });
        }

        if (retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "MyTracker.Retry",
                MaxRetryAttempts = retry.MaxRetries,
                Delay = retry.Delay,
                MaxDelay = retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, retry.MaxDelay, time)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
            });
        }

        if (options.Timeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Name = "MyTracker.Attempt", Timeout = options.Timeout });
        }

        return builder.Build();
    }

    /// <summary>
    /// Transient outcomes are retried, with two exceptions. A request that is not safe to repeat
    /// (create.json's POST) is retried only when its connection could not even be opened, so it
    /// provably never reached the server. And a <c>Retry-After</c> longer than the longest delay
    /// ends the retries with that answer.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxDelay, TimeProvider time)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var request = context.GetRequestMessage() ?? outcome.Result?.RequestMessage;
        if (request is not null && !IsSafe(request.Method))
        {
            return outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
        }

        // An OperationCanceledException the caller did not ask for is a timeout further down (e.g. a
        // transport HttpClient's own Timeout): as transient as a timed-out attempt.
        if (!HttpClientResiliencePredicates.IsTransient(outcome) && outcome.Exception is not OperationCanceledException)
        {
            return false;
        }

        return RetryAfter(outcome.Result, time) is not { } wait || wait <= maxDelay;
    }

    /// <summary>The delay a <c>Retry-After</c> header asks for (seconds, or a date on the client's clock), or null.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        if (response?.Headers.RetryAfter is not RetryConditionHeaderValue retryAfter)
        {
            return null;
        }

        var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } value ? (value < TimeSpan.Zero ? TimeSpan.Zero : value) : null;
    }

    private static bool IsSafe(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Trace;
}
