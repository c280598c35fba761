using System.Collections.Concurrent;
using System.Net;
using MyTracker.Client.Tests.Support;

namespace MyTracker.Client.Tests.Http;

/// <summary>
/// The request pipeline every constructor builds: retries with backoff and jitter for transient
/// answers, Retry-After honoured, a timeout per attempt and a total budget, all on the client's
/// clock; create.json never sent twice.
/// </summary>
public sealed class ResilienceTests
{
    private readonly VirtualClock _time = new();
    private readonly ConcurrentQueue<(DateTimeOffset At, HttpMethod Method)> _sent = new();

    private MyTrackerClient Create(Func<int, HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond, Action<MyTrackerClientOptions>? configure = null)
    {
        var calls = 0;
        var stub = new StubHttpHandler((request, ct) =>
        {
            _sent.Enqueue((_time.GetUtcNow(), request.Method));
            return respond(Interlocked.Increment(ref calls), request, ct);
        });
        var options = TestData.Options(_time);
        configure?.Invoke(options);
        return new MyTrackerClient(new HttpClient(stub), options);
    }

    private static Task<HttpResponseMessage> InProgress() => Task.FromResult(StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Get("200.in-progress.json")));

    private static Task<HttpResponseMessage> Created() => Task.FromResult(StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Create("200.created.json")));

    private static HttpResponseMessage Status(HttpStatusCode status, TimeSpan? retryAfter = null, DateTimeOffset? retryAt = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent("<html>busy</html>") };
        if (retryAfter is { } delta)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delta);
        }

        if (retryAt is { } date)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(date);
        }

        return response;
    }

    private TimeSpan[] Gaps() => _sent.Zip(_sent.Skip(1), (a, b) => b.At - a.At).ToArray();

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task A_transient_status_is_retried_with_growing_jittered_delays_on_the_clients_clock(HttpStatusCode transient)
    {
        using var client = Create((n, _, _) => n <= 3 ? Task.FromResult(Status(transient)) : InProgress());

        var status = await _time.RunAsync(client.SegmentExports.GetOperation(1).UpdateStatusAsync());

        Assert.Equal(ExportStatus.InProgress, status);
        Assert.Equal(4, _sent.Count);

        // Exponential with jitter around Delay (1 s): never zero, never above MaxDelay (30 s), and spread.
        var gaps = Gaps();
        Assert.All(gaps, g => Assert.InRange(g, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(30)));
        Assert.True(gaps.Sum(g => g.TotalSeconds) > 1, string.Join(", ", gaps));
    }

    [Fact]
    public async Task A_dropped_connection_and_a_cut_api_body_are_retried()
    {
        using var client = Create((n, _, _) => n switch
        {
            1 => throw new HttpRequestException("Connection reset by peer", new IOException("reset"), HttpStatusCode.OK),
            2 => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BreakingStream("{\"code\":200,\"mess"u8.ToArray())) }),
            _ => InProgress(),
        });

        var status = await _time.RunAsync(client.SegmentExports.GetOperation(1).UpdateStatusAsync());

        Assert.Equal(ExportStatus.InProgress, status);
        Assert.Equal(3, _sent.Count);
    }

    [Fact]
    public async Task Retry_after_in_seconds_sets_the_delay_instead_of_the_backoff()
    {
        using var client = Create((n, _, _) => n == 1 ? Task.FromResult(Status(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(7))) : InProgress());

        await _time.RunAsync(client.SegmentExports.GetOperation(1).UpdateStatusAsync());

        Assert.Equal([TimeSpan.FromSeconds(7)], Gaps());
    }

    [Fact]
    public async Task Retry_after_as_a_date_is_read_on_the_clients_clock()
    {
        var at = _time.GetUtcNow().AddSeconds(12);
        using var client = Create((n, _, _) => n == 1 ? Task.FromResult(Status(HttpStatusCode.ServiceUnavailable, retryAt: at)) : InProgress());

        await _time.RunAsync(client.SegmentExports.GetOperation(1).UpdateStatusAsync());

        Assert.Equal([TimeSpan.FromSeconds(12)], Gaps());
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_longest_delay_ends_the_retries_with_that_answer()
    {
        using var client = Create((_, _, _) => Task.FromResult(Status(HttpStatusCode.TooManyRequests, TimeSpan.FromMinutes(2))));

        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => _time.RunAsync(client.SegmentExports.GetOperation(1).UpdateStatusAsync()));

        Assert.Equal(429, error.Status);
        Assert.Single(_sent);
    }

    [Fact]
    public async Task When_the_retries_are_spent_the_last_answer_is_the_exception_and_it_counts_the_attempts()
    {
        using var client = Create((_, _, _) => Task.FromResult(Status(HttpStatusCode.BadGateway)), o => o.Retry.MaxRetries = 2);

        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => _time.RunAsync(client.SegmentExports.GetOperation(1).UpdateStatusAsync()));

        Assert.Equal(502, error.Status);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, _sent.Count);
        Assert.Contains("3 attempts", error.Message);
        Assert.Equal("<html>busy</html>", error.BodyExcerpt);
    }

    [Fact]
    public async Task The_total_budget_ends_the_retries_on_the_clock()
    {
        using var client = Create((_, _, _) => Task.FromResult(Status(HttpStatusCode.ServiceUnavailable)), o =>
        {
            o.Retry.MaxRetries = 50;
            o.Retry.Delay = TimeSpan.FromSeconds(4);
            o.Retry.TotalTimeout = TimeSpan.FromSeconds(10);
        });
        var poll = client.SegmentExports.GetOperation(1).UpdateStatusAsync();

        // Each retry's delay stepped through until the budget is spent (the budget's own timer is one of the waits).
        var elapsed = TimeSpan.Zero;
        var budgetSeen = false;
        while (!poll.IsCompleted)
        {
            var delay = await _time.NextWaitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (delay == TimeSpan.FromSeconds(10) && !budgetSeen)
            {
                budgetSeen = true;
                continue;
            }

            var step = elapsed + delay >= TimeSpan.FromSeconds(10) ? TimeSpan.FromSeconds(10) - elapsed : delay;
            _time.Advance(step);
            elapsed += step;
            if (elapsed >= TimeSpan.FromSeconds(10))
            {
                break;
            }
        }

        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => poll.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, error.Status);
        Assert.Contains("no answer in time", error.Reason);
        Assert.InRange(_sent.Count, 2, 10);
        Assert.Equal(_sent.Count, error.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(10), elapsed);
    }

    [Fact]
    public async Task An_attempt_that_runs_past_the_timeout_is_abandoned_and_retried()
    {
        var firstCancelled = false;
        using var client = Create(
            async (n, _, ct) =>
            {
                if (n == 1)
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, ct);
                    }
                    catch (OperationCanceledException)
                    {
                        firstCancelled = true;
                        throw;
                    }
                }

                return await InProgress();
            },
            o => o.Timeout = TimeSpan.FromSeconds(5));

        var status = await _time.RunAsync(client.SegmentExports.GetOperation(1).UpdateStatusAsync());

        Assert.Equal(ExportStatus.InProgress, status);
        Assert.True(firstCancelled);
        Assert.Equal(2, _sent.Count);
        Assert.True(Gaps()[0] >= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Cancelling_during_a_retry_delay_stops_at_once_with_the_callers_cancellation()
    {
        using var client = Create((_, _, _) => Task.FromResult(Status(HttpStatusCode.ServiceUnavailable)));
        using var cts = new CancellationTokenSource();
        var poll = client.SegmentExports.GetOperation(1).UpdateStatusAsync(cts.Token);

        await _time.NextWaitAsync();
        await cts.CancelAsync();

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
        Assert.Equal(cts.Token, cancelled.CancellationToken);
        Assert.Single(_sent);
    }

    public static TheoryData<string> CreateFailures() => ["503", "500", "502", "504", "429", "408", "reset", "cut body", "attempt timeout"];

    [Theory]
    [MemberData(nameof(CreateFailures))]
    public async Task Create_json_is_never_sent_twice_by_the_pipeline(string failure)
    {
        using var client = Create(
            async (n, _, ct) =>
            {
                if (n > 1)
                {
                    return await Created();
                }

                switch (failure)
                {
                    case "reset":
                        throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
                    case "cut body":
                        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BreakingStream("{\"code\":200"u8.ToArray())) };
                    case "attempt timeout":
                        await Task.Delay(Timeout.Infinite, ct);
                        return await Created();
                    default:
                        return Status((HttpStatusCode)int.Parse(failure, System.Globalization.CultureInfo.InvariantCulture), failure == "429" ? TimeSpan.FromSeconds(1) : null);
                }
            },
            o => o.Timeout = TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => _time.RunAsync(client.SegmentExports.StartAsync(new SegmentExportCreateRequest { IdSegment = 7 })));

        Assert.Equal([HttpMethod.Post], _sent.Select(s => s.Method));
        Assert.Equal("POST", error.Method);
        Assert.Equal(1, error.Attempts);
    }

    [Theory]
    [InlineData(HttpRequestError.ConnectionError)]
    [InlineData(HttpRequestError.NameResolutionError)]
    public async Task A_create_json_whose_connection_could_not_be_opened_is_retried_because_nothing_was_sent(HttpRequestError error)
    {
        using var client = Create((n, _, _) => n == 1 ? throw new HttpRequestException(error, "Connection refused") : Created());

        var operation = await _time.RunAsync(client.SegmentExports.StartAsync(new SegmentExportCreateRequest { IdSegment = 7 }));

        Assert.Equal(1, operation.Id);
        Assert.Equal(2, _sent.Count);
    }

    [Fact]
    public async Task Every_constructor_builds_the_same_pipeline()
    {
        // The transport a caller passes in (here a stub) sits under the client's pipeline, so it is retried too.
        using var client = Create((n, _, _) => n == 1 ? Task.FromResult(Status(HttpStatusCode.ServiceUnavailable)) : InProgress());
        await _time.RunAsync(client.SegmentExports.GetOperation(1).UpdateStatusAsync());
        Assert.Equal(2, _sent.Count);

        // The options constructor: a port nothing listens on, so every attempt fails to connect; one try per attempt.
        var options = TestData.Options(_time, new Uri("http://127.0.0.1:9/"));
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.Zero;
        using var plain = new MyTrackerClient(options);
        var failed = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => plain.SegmentExports.GetOperation(1).UpdateStatusAsync());
        Assert.Equal(3, failed.Attempts);
        Assert.Equal(0, failed.Status);
        Assert.IsType<HttpRequestException>(failed.InnerException);
        Assert.Equal("http://127.0.0.1:9/api/segment/v1/export/get.json?idSegmentExport=1", failed.RequestUri!.AbsoluteUri);
    }
}
